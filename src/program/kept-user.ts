import type * as pulumi from "@pulumi/pulumi";
import type { ExistingAccount } from "../config";

/**
 * Every input of `azuread.User` (@pulumi/azuread 6.9 `UserArgs`; tests/program/kept-user.test.ts compares the
 * list with the installed SDK). Ignoring all of them makes the engine keep each old input as it is.
 */
export const ALL_USER_INPUTS: readonly string[] = [
  "accountEnabled",
  "ageGroup",
  "businessPhones",
  "city",
  "companyName",
  "consentProvidedForMinor",
  "costCenter",
  "country",
  "department",
  "disablePasswordExpiration",
  "disableStrongPassword",
  "displayName",
  "division",
  "employeeHireDate",
  "employeeId",
  "employeeType",
  "faxNumber",
  "forcePasswordChange",
  "givenName",
  "jobTitle",
  "mail",
  "mailNickname",
  "managerId",
  "mobilePhone",
  "officeLocation",
  "onpremisesImmutableId",
  "otherMails",
  "password",
  "postalCode",
  "preferredLanguage",
  "showInAddressList",
  "state",
  "streetAddress",
  "surname",
  "usageLocation",
  "userPrincipalName",
];

/** An account whose employee's Personio record was skipped: declared so that nothing about it changes. */
export interface KeptAccount {
  readonly employeeId: string;
  readonly objectId: string;
  readonly userPrincipalName: string;
}

/**
 * The existing accounts of employees whose account is left as it is (a Personio record skipped as unreadable, an
 * account synced from on-premises AD): the tenant's account carrying the employee id (the same match by which
 * rendering adopts accounts, so every account this stack manages is found). An employee with none (a skipped
 * hire, a hybrid account matched by e-mail only, which this stack never managed) is not declared at all.
 */
export function keptAccounts(
  employeeIds: readonly string[],
  existing: readonly ExistingAccount[],
): KeptAccount[] {
  const byEmployeeId = new Map(existing.map((account) => [account.employeeId, account]));
  return employeeIds.flatMap((employeeId) => {
    const account = byEmployeeId.get(employeeId);
    return account === undefined
      ? []
      : [{ employeeId, objectId: account.id, userPrincipalName: account.userPrincipalName }];
  });
}

/**
 * Options that leave a kept account exactly as it is: every input ignored (the engine keeps the stack's old
 * inputs, so no update), never deleted, and imported as it is should the stack not hold it yet (a no-op once it
 * does: see FACTS, adoption).
 */
export function keptUserOptions(account: KeptAccount): pulumi.CustomResourceOptions {
  return { retainOnDelete: true, ignoreChanges: [...ALL_USER_INPUTS], import: `/users/${account.objectId}` };
}
