import type { EngineEvent } from "@pulumi/pulumi/automation";
import { type ChangeSet, changeSetFromEvents } from "./change-set";
import { evaluateGuards, type GuardOptions, type GuardVerdict } from "./guards";
import type { Logger } from "./log";
import { isLocked, type StackOps } from "./stack-ops";

/** How one reconcile cycle ended. */
export type CycleStatus = "applied" | "unchanged" | "refused" | "locked" | "failed";

export interface CycleResult {
  readonly status: CycleStatus;
  readonly changeSet?: ChangeSet;
  readonly verdict?: GuardVerdict;
  readonly error?: string;
}

export interface CycleOptions {
  readonly guards: GuardOptions;
  /**
   * Refresh state from the tenant first (to see edits made in the portal) when the stack's last refresh is at
   * least this old; Infinity never refreshes. A refresh costs 4 Graph reads per user, hence not every cycle.
   */
  readonly refreshEveryMs: number;
  readonly log: Logger;
  /** Monotonic ms, for durations. */
  readonly now: () => number;
  /** Epoch ms, to compare with the stack's history. */
  readonly wallNow: () => number;
}

/**
 * One cycle: (refresh) → preview → guards → up. Nothing is applied when a guard refuses; a locked stack skips
 * the cycle; any other failure is reported, never thrown, so a loop survives it.
 */
export async function runCycle(
  stack: StackOps,
  options: CycleOptions,
  signal?: AbortSignal,
): Promise<CycleResult> {
  const { log, now } = options;
  const started = now();
  try {
    if (await refreshDue(stack, options)) {
      const refreshStart = now();
      await stack.refresh(signal);
      log("info", "refresh.done", { durationMs: Math.round(now() - refreshStart) });
    }
    const lastEmployees = employeesOf(await stack.lastOutputs());
    const changeSet = await previewChanges(stack, signal);
    const verdict = evaluateGuards(
      { changeSet, employees: employeesOf(changeSet.stackOutputs), lastEmployees },
      options.guards,
    );
    log("info", "preview.done", { ...opCounts(changeSet), durationMs: Math.round(now() - started) });
    if (!verdict.ok) {
      for (const refusal of verdict.refusals)
        log("warn", "guard.refused", { guard: refusal.guard, reason: refusal.message });
      return { status: "refused", changeSet, verdict };
    }
    if (!hasChanges(changeSet)) {
      log("info", "cycle.unchanged", { durationMs: Math.round(now() - started) });
      return { status: "unchanged", changeSet, verdict };
    }
    const upStart = now();
    await stack.up(() => undefined, signal);
    log("info", "cycle.applied", { ...opCounts(changeSet), durationMs: Math.round(now() - upStart) });
    return { status: "applied", changeSet, verdict };
  } catch (error) {
    if (isLocked(error)) {
      log("warn", "cycle.locked", { reason: "the stack is locked by another update; skipped" });
      return { status: "locked" };
    }
    const message = causeLine(error);
    log("error", "cycle.failed", { reason: message, durationMs: Math.round(now() - started) });
    return { status: "failed", error: message };
  }
}

async function refreshDue(stack: StackOps, options: CycleOptions): Promise<boolean> {
  if (options.refreshEveryMs === Infinity) return false;
  const last = await stack.lastRefreshAt();
  return last === undefined || options.wallNow() - last >= options.refreshEveryMs;
}

/** Runs a preview and turns its engine events into a change set. */
export async function previewChanges(stack: StackOps, signal?: AbortSignal): Promise<ChangeSet> {
  const events: EngineEvent[] = [];
  await stack.preview((event) => events.push(event), signal);
  return changeSetFromEvents(events);
}

/** `counts.employees` of the program's stack outputs, when present. */
export function employeesOf(outputs: Record<string, unknown> | undefined): number | undefined {
  const counts = outputs?.["counts"];
  const employees =
    typeof counts === "object" && counts !== null
      ? (counts as Record<string, unknown>)["employees"]
      : undefined;
  return typeof employees === "number" ? employees : undefined;
}

function hasChanges(changeSet: ChangeSet): boolean {
  return changeSet.users.some((u) => u.op !== "same") || changeSet.otherChanges.length > 0;
}

function opCounts(changeSet: ChangeSet): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [op, count] of Object.entries(changeSet.counts))
    if (count !== undefined) counts[op.replace(/-/g, "_")] = count;
  return counts;
}

/** The CLI's errors carry its whole output; the first line that says "error:" is the cause. */
export function causeLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return (lines.find((l) => l.startsWith("error:")) ?? lines[0] ?? "unknown error").slice(0, 300);
}
