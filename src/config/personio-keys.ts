/** Personio's standard employee attribute keys (official spec, Employee schema, plus `last_working_day`). */
export const PERSONIO_STANDARD_KEYS: readonly string[] = [
  "id",
  "first_name",
  "last_name",
  "preferred_name",
  "email",
  "gender",
  "status",
  "position",
  "supervisor",
  "employment_type",
  "weekly_working_hours",
  "hire_date",
  "contract_end_date",
  "termination_date",
  "termination_type",
  "termination_reason",
  "probation_period_end",
  "last_working_day",
  "created_at",
  "last_modified_at",
  "subcompany",
  "office",
  "department",
  "cost_centers",
  "holiday_calendar",
  "work_schedule",
  "absence_entitlement",
  "team",
  "fix_salary",
  "fix_salary_interval",
  "hourly_salary",
  "vacation_day_balance",
];

const STANDARD = new Set(PERSONIO_STANDARD_KEYS);

/** A standard key, or a custom attribute `dynamic_<n>` (list them with GET /v1/company/employees/attributes). */
export function isPersonioKey(key: string): boolean {
  return STANDARD.has(key) || /^dynamic_\d+$/.test(key);
}
