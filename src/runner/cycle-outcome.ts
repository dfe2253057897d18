import { formatDuration } from "../util/durations";
import type { CycleOptions, CycleResult } from "./cycle-types";
import { lockTakenAt, staleLockMessage } from "../engine/lock";
import type { StackOps } from "../engine/stack-ops";

/**
 * A locked stack skips the cycle while the lock is young; past `maxLockAgeMs` it is a failure naming the
 * lock's age and how to clear it. The age comes from the DIY backend's lock file, else the backend's history,
 * else from when this runner first saw it.
 */
export async function locked(stack: StackOps, options: CycleOptions, error: unknown): Promise<CycleResult> {
  const now = options.wallNow();
  const text = error instanceof Error ? error.message : String(error);
  options.lockSeen.at ??= now;
  const since =
    lockTakenAt(text) ?? (await stack.runningUpdateSince().catch(() => undefined)) ?? options.lockSeen.at;
  const ageMs = Math.max(0, now - since);
  if (ageMs > options.maxLockAgeMs) {
    const reason = staleLockMessage(stack.stackName, ageMs, options.maxLockAgeMs);
    options.log("error", "cycle.failed", { reason, lockAgeMs: ageMs });
    return { status: "failed", error: reason };
  }
  options.log("warn", "cycle.locked", {
    reason: `the stack is locked by another update (for ${formatDuration(ageMs)}); skipped`,
    lockAgeMs: ageMs,
  });
  return { status: "locked" };
}

/**
 * Records a success (memory and stack tag, best effort) and says when the last one was. A targeted cycle is no
 * success of the whole stack: it records none, so staleness keeps counting from the last full cycle.
 */
export async function recordOutcome(
  stack: StackOps,
  options: CycleOptions,
  result: CycleResult,
): Promise<void> {
  const now = options.wallNow();
  if ((result.status === "applied" || result.status === "unchanged") && result.only === undefined) {
    options.success.record(now);
    await stack.recordSuccess(now).catch(() =>
      options.log("warn", "cycle.success_not_recorded", {
        reason: "the backend keeps no stack tags; staleness across --once runs counts from the last update",
      }),
    );
  }
  options.success.report(options.log, now, options.maxStalenessMs);
}
