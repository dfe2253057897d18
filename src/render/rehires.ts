import type { ExistingAccount } from "../config/types";
import type { CalendarDate } from "../personio/dates";
import type { Employee } from "../personio/employee";
import { hasLeft } from "./calendar";

/** A new Personio profile whose e-mail is the login of a disabled account that carries another employee id. */
export interface PossibleRehire {
  readonly employeeId: number;
  /** The employee id the disabled account carries. */
  readonly previousEmployeeId: string;
}

/**
 * Returning people with a new Personio profile: the account is never taken over automatically (it carries
 * another person's id; see `matchAccounts`), but an admin is told so that it can be re-linked by hand.
 * @example employee 812 (e-mail anna@x), account anna@x disabled with employeeId 97 → { 812, "97" }
 */
export function possibleRehires(
  employees: readonly Employee[],
  accounts: readonly ExistingAccount[],
  matches: ReadonlyMap<number, ExistingAccount>,
  today: CalendarDate,
): PossibleRehire[] {
  const disabledByLogin = new Map<string, ExistingAccount>();
  for (const account of accounts) {
    if (account.accountEnabled !== false || (account.employeeId?.trim() ?? "") === "") continue;
    const key = account.userPrincipalName.toLowerCase();
    if (!disabledByLogin.has(key)) disabledByLogin.set(key, account);
  }
  const rehires: PossibleRehire[] = [];
  for (const employee of employees) {
    if (matches.has(employee.id) || employee.email === null) continue;
    if (hasLeft(employee.terminationDate, today)) continue;
    const account = disabledByLogin.get(employee.email.trim().toLowerCase());
    const previous = account?.employeeId?.trim();
    if (previous !== undefined && previous !== String(employee.id)) {
      rehires.push({ employeeId: employee.id, previousEmployeeId: previous });
    }
  }
  return rehires;
}
