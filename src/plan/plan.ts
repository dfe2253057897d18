import type { CalendarDate } from "../personio/dates";
import type { DesiredUser, RenderResult, RenderWarning, SkippedEmployee } from "../render";

/** Counts of a plan; `employees` is everything Personio listed. */
export interface PlanSummary {
  readonly employees: number;
  readonly users: number;
  readonly enabled: number;
  readonly disabled: number;
  readonly adopted: number;
  readonly skipped: number;
  readonly warnings: number;
}

/** The offline plan as `--json` writes it (PRODUCT.md "Offline plan"), plus adoption and warning counts. */
export interface Plan {
  readonly today: CalendarDate;
  readonly timezone: string;
  readonly users: readonly DesiredUser[];
  readonly skipped: readonly SkippedEmployee[];
  readonly warnings: readonly RenderWarning[];
  readonly summary: PlanSummary;
}

/** Assembles the plan from a render result; pure. */
export function buildPlan(
  result: RenderResult,
  employees: number,
  today: CalendarDate,
  timezone: string,
): Plan {
  const enabled = result.users.filter((u) => u.accountEnabled).length;
  return {
    today,
    timezone,
    users: result.users,
    skipped: result.skipped,
    warnings: result.warnings,
    summary: {
      employees,
      users: result.users.length,
      enabled,
      disabled: result.users.length - enabled,
      adopted: result.users.filter((u) => u.adoptedObjectId !== undefined).length,
      skipped: result.skipped.length,
      warnings: result.warnings.length,
    },
  };
}
