import type { Employee } from "../personio/employee";
import type { DesiredUser } from "../render";
import type { GraphPlanInput, GraphWarning } from "./actions";
import type { TenantUser } from "./types";

/** A desired user with its employee record and its one tenant account. */
export interface ManagedAccount {
  readonly user: DesiredUser;
  readonly employee: Employee | undefined;
  readonly account: TenantUser;
}

/** Tenant accounts by `employeeId`; more than one for an id makes it ambiguous (listed, never acted on). */
export function accountsByEmployeeId(tenant: readonly TenantUser[]): Map<string, TenantUser[]> {
  const byId = new Map<string, TenantUser[]>();
  for (const account of tenant) {
    if (account.employeeId === null) continue;
    const list = byId.get(account.employeeId) ?? [];
    list.push(account);
    byId.set(account.employeeId, list);
  }
  return byId;
}

/**
 * The desired users whose account the tenant shows, matched by `employeeId`, in the order of `users`. Tenant
 * accounts of no desired user are never returned; two accounts with one employee id are skipped with a warning.
 */
export function managedAccounts(
  input: Pick<GraphPlanInput, "employees" | "users" | "tenant">,
  warnings: GraphWarning[],
): ManagedAccount[] {
  const byId = accountsByEmployeeId(input.tenant);
  const employees = new Map(input.employees.map((employee) => [String(employee.id), employee]));
  const managed: ManagedAccount[] = [];
  for (const user of input.users) {
    const accounts = byId.get(user.employeeId) ?? [];
    if (accounts.length > 1) warnings.push({ employeeId: user.employeeId, code: "ambiguous_account" });
    const [account] = accounts;
    if (accounts.length !== 1 || account === undefined) continue;
    managed.push({ user, employee: employees.get(user.employeeId), account });
  }
  return managed;
}

/** Synced from on-premises AD: on-premises masters the account, the Graph step never touches it. */
export function isSynced(account: TenantUser): boolean {
  return account.onPremisesSyncEnabled === true;
}
