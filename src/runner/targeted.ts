import type { ObservedOutputs } from "../contract";
import type { ChangeSet } from "../review/change-set";
import type { Snapshot } from "../snapshot/schema";
import type { Logger } from "../util/log";
import type { CycleResult } from "./cycle-types";

/**
 * A targeted cycle's ids in numeric order, for its result and its log line.
 * @example sortedIds(new Set(["913", "812"])) → ["812", "913"]
 */
export function sortedIds(only: ReadonlySet<string>): string[] {
  return [...only].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
}

/**
 * The ids of `only` that the cycle's listing does not hold, neither as an employee nor as a skipped (unreadable)
 * record: there is nothing of theirs the program would declare, so a targeted cycle stops before its preview.
 */
export function unknownIds(snapshot: Snapshot, only: ReadonlySet<string>): string[] {
  const listed = new Set<string>(snapshot.employees.map((employee) => String(employee.id)));
  for (const record of snapshot.skipped ?? []) listed.add(String(record.employeeId));
  return sortedIds(only).filter((id) => !listed.has(id));
}

/**
 * The one-line usage error for ids Personio does not list (exit 2 with `--once`): ids and a count, no names.
 * @example "Invalid value for --only: 999. Allowed: ids of employees Personio lists (100 listed now)."
 */
export function unknownIdsMessage(unknown: readonly string[], listed: number): string {
  return (
    `Invalid value for --only: ${unknown.join(", ")}. ` +
    `Allowed: ids of employees Personio lists (${listed} listed now).`
  );
}

/** The result of a targeted cycle stopped before its preview because of ids Personio does not list. */
export function unknownIdsResult(log: Logger, unknown: readonly string[], snapshot: Snapshot): CycleResult {
  const listed = snapshot.employees.length + (snapshot.skipped?.length ?? 0);
  const error = unknownIdsMessage(unknown, listed);
  log("error", "cycle.failed", { reason: error, unknownIds: unknown.length });
  return { status: "failed", error, unknownIds: unknown };
}

/**
 * The change set the guards check in a targeted cycle: its steps are the targeted ones, but the disables guard's
 * threshold stays a share of all managed accounts (the last update's `counts.managed`, when the engine reports
 * no steps for the accounts it did not target), so that targeting never lowers the bar below a full cycle's.
 */
export function targetedGuardChangeSet(changeSet: ChangeSet, earlier: ObservedOutputs): ChangeSet {
  const managed = earlier.counts?.managed ?? 0;
  return managed > changeSet.managedBefore ? { ...changeSet, managedBefore: managed } : changeSet;
}
