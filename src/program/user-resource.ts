import type * as pulumi from "@pulumi/pulumi";
import type { DesiredUser } from "../render";

/** Keys of a desired user that describe the plan, not `azuread.User` inputs. */
const NOT_INPUTS = new Set(["adoptedObjectId", "managerEmployeeId", "managerObjectId"]);

/** The Pulumi logical name of an employee's account: from the Personio id only, so renames update in place. */
export function logicalName(employeeId: string): string {
  return `employee-${employeeId}`;
}

/**
 * The plain `azuread.User` inputs of a desired user, without manager and password. Every mapped input is set
 * (omitting one clears it on the next update: the program owns the fields it maps).
 */
export function userInputs(user: DesiredUser): Record<string, string | boolean | readonly string[]> {
  const inputs: Record<string, string | boolean | readonly string[]> = {};
  for (const [key, value] of Object.entries(user)) {
    if (value !== undefined && !NOT_INPUTS.has(key)) inputs[key] = value;
  }
  return inputs;
}

/**
 * Resource options that make the program safe on a live tenant: accounts are never deleted (only released
 * from the stack), passwords this stack did not just set are never reset, logins stay stable unless the stack
 * opts in to follow renames, and an existing account is adopted by import instead of duplicated.
 */
export function userOptions(user: DesiredUser, followRenames: boolean): pulumi.CustomResourceOptions {
  return {
    retainOnDelete: true,
    ignoreChanges: followRenames
      ? ["password", "forcePasswordChange"]
      : ["password", "forcePasswordChange", "userPrincipalName"],
    ...(user.adoptedObjectId === undefined ? {} : { import: `/users/${user.adoptedObjectId}` }),
  };
}
