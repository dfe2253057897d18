import * as azuread from "@pulumi/azuread";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { subject } from "./subject";

/** A boolean `azuread.User` input that weakens the tenant's password policy when true. */
type WeakeningInput = "disableStrongPassword" | "disablePasswordExpiration";

/** A mandatory policy that reports a user whose `input` is true; false and unset are fine. */
function forbidTrue(input: WeakeningInput, name: string, description: string): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    validateResource: validateResourceOfType(azuread.User, (user, _args, reportViolation) => {
      if (user[input] === true)
        reportViolation(`${input} is true for ${subject(user)}. Allowed: false or unset.`);
    }),
  };
}

/** No user may opt out of Azure AD's password complexity rules. */
export const noDisableStrongPassword = forbidTrue(
  "disableStrongPassword",
  "personio-azuread-no-disable-strong-password",
  "No azuread.User turns off Azure AD's strong-password requirement (disableStrongPassword).",
);

/** No user may have a password that never expires. */
export const noDisablePasswordExpiration = forbidTrue(
  "disablePasswordExpiration",
  "personio-azuread-no-disable-password-expiration",
  "No azuread.User exempts its password from expiry (disablePasswordExpiration).",
);
