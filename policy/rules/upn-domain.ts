import * as azuread from "@pulumi/azuread";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { allowedDomainsSchema, readAllowedDomains, UPN_DOMAIN_POLICY } from "./allowed-domains";

/** Every user signs in with a UPN in one of the tenant's allowed domains (policy config `allowedDomains`). */
export const upnInAllowedDomain: ResourceValidationPolicy = {
  name: UPN_DOMAIN_POLICY,
  description:
    "Every azuread.User's userPrincipalName is in one of the allowed domains (config allowedDomains).",
  enforcementLevel: "mandatory",
  configSchema: allowedDomainsSchema,
  validateResource: validateResourceOfType(azuread.User, (user, args, reportViolation) => {
    const allowed = readAllowedDomains(args.getConfig<Record<string, unknown>>());
    const message = allowed.ok
      ? upnDomainViolation(user.userPrincipalName, allowed.domains)
      : allowed.message;
    if (message !== undefined) reportViolation(message);
  }),
};

/**
 * The violation for a UPN outside `allowed` (lower-case domains), or undefined. The domain is everything
 * after the last "@", compared case-insensitively and exactly: `contoso.com` does not admit `eu.contoso.com`.
 */
export function upnDomainViolation(upn: unknown, allowed: readonly string[]): string | undefined {
  const allowedList = `Allowed: ${allowed.join(", ")}.`;
  if (typeof upn !== "string")
    return `userPrincipalName is missing; it must be in an allowed domain. ${allowedList}`;
  const at = upn.lastIndexOf("@");
  const domain = at < 0 ? "" : upn.slice(at + 1).toLowerCase();
  if (allowed.includes(domain)) return undefined;
  return `userPrincipalName ${JSON.stringify(upn)} is not in an allowed domain. ${allowedList}`;
}
