import type { SkippedRecord } from "../personio";
import type { RenderResult } from "../render";

/**
 * The render result with the records Personio sent but that could not be read (an impossible date …) among the
 * skipped employees, as `unreadable_record` with the field: the offline plan shows them where it shows every
 * other employee it leaves out, sorted by numeric id.
 * @example a record 108 with `termination_date: "2025-02-30"` → skipped `{ employeeId: "108", reason:
 * "unreadable_record", attribute: "termination_date" }`
 */
export function withUnreadableRecords(result: RenderResult, records: readonly SkippedRecord[]): RenderResult {
  if (records.length === 0) return result;
  const unreadable = records.map((record) => ({
    employeeId: String(record.employeeId),
    reason: "unreadable_record" as const,
    attribute: record.field,
  }));
  const skipped = [...result.skipped, ...unreadable].sort(
    (a, b) => Number(a.employeeId) - Number(b.employeeId),
  );
  return { ...result, skipped };
}
