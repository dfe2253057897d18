import type { CalendarDate } from "./dates";

/** A normalised attribute value: relations by name, dates as calendar dates, lists as names. */
export type AttributeValue = string | number | boolean | null | readonly string[];

/** A cost center assignment of an employee. */
export interface CostCenter {
  readonly id: number | null;
  readonly name: string;
  readonly percentage: number | null;
}

/** Personio's documented values of `status`; others are kept as sent. */
export type EmployeeStatus = "active" | "inactive" | "onboarding" | "leave";

/**
 * A Personio employee as the rest of the program sees it. Fields are null when Personio sent an empty value
 * or did not send the attribute; `attributes` holds every attribute that was sent (absent keys are missing,
 * not null — Personio omits attributes that are not whitelisted for the credentials).
 */
export interface Employee {
  readonly id: number;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  /** One of {@link EmployeeStatus} as Personio documents it; an undocumented value is kept as sent. */
  readonly status: string | null;
  /** Calendar dates (`YYYY-MM-DD`), the offset Personio sends never applied. */
  readonly hireDate: CalendarDate | null;
  readonly terminationDate: CalendarDate | null;
  readonly lastWorkingDay: CalendarDate | null;
  /** When the employee was created in Personio, as an ISO 8601 UTC instant. */
  readonly createdAt: string | null;
  readonly department: string | null;
  readonly office: string | null;
  readonly team: string | null;
  readonly subcompany: string | null;
  readonly supervisorId: number | null;
  readonly costCenters: readonly CostCenter[];
  /** Every attribute sent, by key (custom `dynamic_*` included), normalised. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** The attribute keys the typed fields of {@link Employee} come from. */
export const STANDARD_ATTRIBUTE_KEYS = [
  "id",
  "first_name",
  "last_name",
  "email",
  "status",
  "hire_date",
  "termination_date",
  "last_working_day",
  "created_at",
  "department",
  "office",
  "team",
  "subcompany",
  "supervisor",
  "cost_centers",
] as const;
