import type * as pulumi from "@pulumi/pulumi";
import { AZUREAD_USER_INPUTS } from "../entra/user-inputs";
import type { DesiredExtensionAttributes, DesiredUser } from "../render";

/**
 * Keys of a desired user that describe the plan, not `azuread.User` inputs; `extensionAttributes` are the Graph
 * step's to write, the provider cannot set them.
 */
const NOT_INPUTS = new Set([
  "adoptedObjectId",
  "managerEmployeeId",
  "managerObjectId",
  "extensionAttributes",
]);

/**
 * The plain `azuread.User` inputs of a desired user, without manager and password. Every mapped input is set
 * (omitting one clears it on the next update: the program owns the fields it maps).
 */
export function userInputs(user: DesiredUser): Record<string, string | boolean | readonly string[]> {
  const inputs: Record<string, string | boolean | readonly string[]> = {};
  for (const [key, value] of Object.entries(user)) {
    if (value !== undefined && !NOT_INPUTS.has(key) && !isExtensionAttributes(value)) inputs[key] = value;
  }
  return inputs;
}

function isExtensionAttributes(
  value: string | boolean | readonly string[] | DesiredExtensionAttributes,
): value is DesiredExtensionAttributes {
  return typeof value === "object" && !Array.isArray(value);
}

/**
 * The `azuread.User` inputs an existing account keeps as they are: its mail alias and every mappable input
 * the stack does not map (`displayName` is always set). Without this, adopting an account by import would
 * clear its unmapped fields (the program omits them) and rename its Exchange alias.
 * @example unmanagedInputs({ jobTitle: "position" }) includes "department" and "mailNickname", not "jobTitle"
 */
export function unmanagedInputs(attributeMapping: Readonly<Record<string, string>>): string[] {
  const unmapped = AZUREAD_USER_INPUTS.filter(
    (input) => input !== "displayName" && !(input in attributeMapping),
  );
  return ["mailNickname", ...unmapped];
}

/**
 * Resource options that make the program safe on a live tenant: accounts are never deleted (only released
 * from the stack), passwords this stack did not just set are never reset, logins stay stable unless the stack
 * opts in to follow renames, and an existing account is adopted by import instead of duplicated — keeping
 * what the stack does not own (`unmanaged`, see {@link unmanagedInputs}).
 */
export function userOptions(
  user: DesiredUser,
  followRenames: boolean,
  unmanaged: readonly string[] = [],
): pulumi.CustomResourceOptions {
  const owned = followRenames
    ? ["password", "forcePasswordChange"]
    : ["password", "forcePasswordChange", "userPrincipalName"];
  if (user.adoptedObjectId === undefined) return { retainOnDelete: true, ignoreChanges: owned };
  return {
    retainOnDelete: true,
    ignoreChanges: [...owned, ...unmanaged],
    import: `/users/${user.adoptedObjectId}`,
  };
}
