import { UNREADABLE_RECORD } from "../contract";
import type { ChangeSet } from "./change-set";

/** The most Personio records a run may skip as unreadable: a count, or a percentage of the employees listed. */
export type SkipLimit = { readonly count: number } | { readonly percent: number };

/** The default of `--max-skipped`: 5 % of the employees Personio lists. */
export const DEFAULT_SKIP_LIMIT: SkipLimit = { percent: 5 };

/** A refusal of the skipped guard, in the shape of the others (see `Refusal` in guards.ts). */
export interface SkippedRefusal {
  readonly guard: "skipped";
  readonly message: string;
  readonly override: string;
}

/**
 * Records skipped as unreadable (stack output `skipped`, reason {@link UNREADABLE_RECORD}) against the limit: a
 * count at the limit passes, one past it refuses. A percentage is of `employees` (`counts.employees`, skipped ones included), compared in whole numbers: with 5 % of 40 employees 2 skips pass and 3 refuse.
 * @example skippedGuard(changeSet, { count: 0 }) refuses as soon as one record is skipped
 */
export function skippedGuard(
  changeSet: ChangeSet,
  employees: number,
  limit: SkipLimit,
): SkippedRefusal | string {
  const skipped = (changeSet.stackOutputs?.skipped ?? []).filter((s) => s.reason === UNREADABLE_RECORD);
  const over =
    "count" in limit ? skipped.length > limit.count : skipped.length * 100 > limit.percent * employees;
  const rule = "count" in limit ? `${limit.count}` : `${limit.percent} % of ${employees} employees`;
  const what = `${skipped.length} unreadable Personio record${skipped.length === 1 ? "" : "s"} skipped`;
  if (!over) return `skipped: ${what}, at most ${rule} allowed`;
  const ids = skipped.slice(0, 10).map((s) => s.employeeId);
  const more = skipped.length > ids.length ? ` and ${skipped.length - ids.length} more` : "";
  return {
    guard: "skipped",
    message: `skipped: ${what} (employees ${ids.join(", ")}${more}), more than ${rule}; raise --max-skipped or fix the records`,
    override: "--max-skipped",
  };
}
