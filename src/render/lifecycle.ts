import type { ExistingAccount, JoinersConfig } from "../config/types";
import type { CalendarDate } from "../personio/dates";
import type { Employee } from "../personio/employee";
import { addDays, isAccountEnabled } from "./calendar";
import type { LifecycleEvent } from "./types";
import type { Warn } from "./warnings";

/** Personio's own behaviour: an account as soon as the employee is listed, enabled at once. */
export const DEFAULT_JOINERS: JoinersConfig = { createDaysBeforeHire: null, enableFrom: "created" };

/**
 * The day a joiner's account is due to be created: `createDaysBeforeHire` days before the hire date, or null
 * when there is no lead time or no hire date (due as soon as Personio lists the employee).
 * @example creationDate("2026-12-10", { createDaysBeforeHire: 14, ... }) === "2026-11-26"
 */
export function creationDate(hireDate: CalendarDate | null, joiners: JoinersConfig): CalendarDate | null {
  if (hireDate === null || joiners.createDaysBeforeHire === null) return null;
  return addDays(hireDate, -joiners.createDaysBeforeHire);
}

/** Whether an employee without an account gets one today. */
export function isCreationDue(employee: Employee, joiners: JoinersConfig, today: CalendarDate): boolean {
  const createOn = creationDate(employee.hireDate, joiners);
  return createOn === null || today >= createOn;
}

/**
 * `accountEnabled` on `today`: disabled from the day after the termination date; with `enableFrom: hireDate`
 * a new account is disabled until 00:00 of the hire date, while an existing one keeps its state until then —
 * a working (admin) account is never disabled because HR entered a future hire date; that case is warned.
 */
export function desiredEnabled(
  employee: Employee,
  account: ExistingAccount | undefined,
  joiners: JoinersConfig,
  today: CalendarDate,
  warn: Warn,
): boolean {
  if (!isAccountEnabled(employee.terminationDate, today)) return false;
  if (!isBeforeHire(employee, joiners, today)) return true;
  if (account === undefined) return false;
  // Graph may not say (null): treat as enabled, so that an unknown state is never turned into a lock-out.
  const enabled = account.accountEnabled !== false;
  if (enabled) {
    warn(
      "accountEnabled",
      "the existing account is enabled before the hire date; it is kept enabled (joiners.enableFrom: hireDate)",
    );
  }
  return enabled;
}

/**
 * The changes due on later days for an employee with an account (`enabled` its state today) or, with
 * `enabled` undefined, one whose account is not yet due: creation, enabling at the hire date, disabling the
 * day after the termination date. Sorted by date.
 */
export function upcomingEvents(
  employee: Employee,
  joiners: JoinersConfig,
  today: CalendarDate,
  enabled: boolean | undefined,
): LifecycleEvent[] {
  const employeeId = String(employee.id);
  const events: LifecycleEvent[] = [];
  const createOn = enabled === undefined ? creationDate(employee.hireDate, joiners) : null;
  const leaveOn = employee.terminationDate === null ? null : addDays(employee.terminationDate, 1);
  if (createOn !== null && createOn > today) events.push({ employeeId, event: "create", date: createOn });
  const hire = employee.hireDate;
  if (
    joiners.enableFrom === "hireDate" &&
    hire !== null &&
    hire > today &&
    enabled !== true &&
    (createOn === null || createOn < hire) &&
    (leaveOn === null || hire < leaveOn)
  ) {
    events.push({ employeeId, event: "enable", date: hire });
  }
  if (leaveOn !== null && leaveOn > today && (enabled === true || hire === null || hire < leaveOn)) {
    events.push({ employeeId, event: "disable", date: leaveOn });
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function isBeforeHire(employee: Employee, joiners: JoinersConfig, today: CalendarDate): boolean {
  return joiners.enableFrom === "hireDate" && employee.hireDate !== null && today < employee.hireDate;
}
