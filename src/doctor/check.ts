/** How one check of `npm run doctor` ended: passed, failed (exit 1), a warning, or not run (and why). */
export type CheckStatus = "ok" | "fail" | "warn" | "skip";

/** One line of the doctor: what was checked, what was found (ids and counts, never a secret), and the fix. */
export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** What to change; given for a failure or a warning. */
  readonly fix?: string;
}

const MARKS: Readonly<Record<CheckStatus, string>> = { ok: "✓", fail: "✗", warn: "!", skip: "–" };

/**
 * The check as one line: its mark, name, finding and fix.
 * @example checkLine({ name: "time zone", status: "ok", detail: "UTC" }) === "✓ time zone: UTC"
 */
export function checkLine(result: CheckResult): string {
  const fix = result.fix === undefined ? "" : ` Fix: ${result.fix}`;
  return `${MARKS[result.status]} ${result.name}: ${result.detail}${fix}`;
}

/** A check that did not run because one it depends on failed or does not apply; `why` says which. */
export function skipped(name: string, why: string): CheckResult {
  return { name, status: "skip", detail: `skipped: ${why}.` };
}

/** 1 when a check failed, else 0: warnings and skipped checks do not fail the doctor. */
export function doctorExitStatus(results: readonly CheckResult[]): 0 | 1 {
  return results.some((result) => result.status === "fail") ? 1 : 0;
}
