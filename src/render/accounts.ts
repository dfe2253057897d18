import type { ExistingAccount } from "../config/types";
import type { Employee } from "../personio/employee";
import type { WarningLog } from "./warnings";

/**
 * Pairs employees with the tenant's existing accounts: first by `employeeId` (identity), then, among the
 * accounts left, by UPN = the employee's Personio e-mail (case-insensitive). Each account goes to at most one
 * employee; when several employees share an e-mail, the first in `employees` (creation order) gets it.
 * An account that carries any other `employeeId` is never taken by e-mail: it belongs to that person, even one
 * who has left Personio — handing a leaver's account (mailbox, files) to a new hire with a reused address would
 * be a breach, so such an account counts as a collision and the newcomer gets a suffixed UPN.
 * `accounts` come in object-id order, so that the choice among duplicates does not depend on the input order.
 * @example account { employeeId: "7" } → employee 7, even when its UPN is employee 9's e-mail
 */
export function matchAccounts(
  employees: readonly Employee[],
  accounts: readonly ExistingAccount[],
  warnings: WarningLog,
): Map<number, ExistingAccount> {
  const byEmployeeId = new Map<string, ExistingAccount[]>();
  for (const account of accounts) {
    const id = account.employeeId?.trim();
    if (id === undefined || id === "") continue;
    const holders = byEmployeeId.get(id);
    if (holders === undefined) byEmployeeId.set(id, [account]);
    else holders.push(account);
  }

  const employeeIds = new Set<string>();
  const matches = new Map<number, ExistingAccount>();
  for (const employee of employees) {
    const id = String(employee.id);
    employeeIds.add(id);
    const holders = byEmployeeId.get(id);
    const first = holders?.[0];
    if (holders === undefined || first === undefined) continue;
    matches.set(employee.id, first);
    if (holders.length > 1) {
      warnings.add(
        employee.id,
        "employeeId",
        `${holders.length} existing accounts carry this employee id; the one with the lowest object id is adopted`,
      );
    }
  }

  const byPrincipalName = new Map<string, ExistingAccount>();
  for (const account of accounts) {
    if ((account.employeeId?.trim() ?? "") !== "") continue;
    const key = account.userPrincipalName.toLowerCase();
    if (!byPrincipalName.has(key)) byPrincipalName.set(key, account);
  }
  for (const employee of employees) {
    if (matches.has(employee.id) || employee.email === null) continue;
    const key = employee.email.trim().toLowerCase();
    const account = byPrincipalName.get(key);
    if (account === undefined) continue;
    matches.set(employee.id, account);
    byPrincipalName.delete(key);
  }
  return matches;
}
