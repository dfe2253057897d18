import type * as azuread from "@pulumi/azuread";
import type { ExistingAccount } from "../config";

/**
 * The tenant's users as rendering sees them; Graph's empty strings become nulls. `getUsers` (@pulumi/azuread 6.9)
 * has no `onpremisesSyncEnabled` (only `getUser` does): an on-premises `samAccountName`, which only directory
 * sync fills in, marks the account as synced (hybrid).
 */
export function toExistingAccounts(users: readonly azuread.types.output.GetUsersUser[]): ExistingAccount[] {
  return users.map((user) => ({
    id: user.objectId,
    userPrincipalName: user.userPrincipalName,
    mail: emptyToNull(user.mail),
    employeeId: emptyToNull(user.employeeId),
    accountEnabled: typeof user.accountEnabled === "boolean" ? user.accountEnabled : null,
    onPremisesSyncEnabled: emptyToNull(user.onpremisesSamAccountName) === null ? null : true,
  }));
}

function emptyToNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value;
}
