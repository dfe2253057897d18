import type { EngineEvent } from "@pulumi/pulumi/automation";
import { ConfigError } from "../config";
import type { ObservedOutputs } from "../contract";
import { PersonioError } from "../personio";
import { SNAPSHOT_ENV, type SnapshotFile, writeSnapshot } from "../snapshot";
import type { PersonioReading } from "../snapshot/take";
import type { Clock } from "../util/clock";
import { type ChangeSet, changeSetFromEvents } from "./change-set";
import { CycleControl, type Phase } from "./cycle-control";
import { evaluateGuards, type GuardOptions, type GuardVerdict } from "./guards";
import { locked, recordOutcome } from "./cycle-outcome";
import type { Logger } from "./log";
import { redact } from "./redact";
import { earlierOutputs, isLocked, type StackOps } from "./stack-ops";
import type { SuccessClock } from "./staleness";
import { UpWatch } from "./up-watch";
import { statusLine, type WriteBackStep } from "./write-back-step";
import type { WriteBackResult } from "../write-back";

/** How one reconcile cycle ended. */
export type CycleStatus = "applied" | "unchanged" | "refused" | "locked" | "failed";

export interface CycleResult {
  readonly status: CycleStatus;
  /** What the checked preview showed. */
  readonly changeSet?: ChangeSet;
  /** What `up` did, from its own engine events (status `applied`, or `failed` after an `up` began). */
  readonly applied?: ChangeSet;
  readonly verdict?: GuardVerdict;
  /** One line, no personal data. */
  readonly error?: string;
  /** What write-back did after a successful cycle, when the stack configures it. */
  readonly writeBack?: WriteBackResult;
}

export interface CycleOptions {
  readonly guards: GuardOptions;
  /**
   * Refresh state from the tenant first (to see edits made in the portal) when the stack's last refresh is at
   * least this old; Infinity never refreshes. A refresh costs 4 Graph reads per user, hence not every cycle.
   */
  readonly refreshEveryMs: number;
  /** The cycle's one Personio read, with the stack's config (namespace stripped, secret decrypted). */
  readonly readPersonio: (config: Record<string, unknown>, signal: AbortSignal) => Promise<PersonioReading>;
  /** Write-back after a successful cycle (applied or unchanged); none when absent. */
  readonly writeBack?: WriteBackStep;
  /** The environment the Personio overrides (`PERSONIO_CLIENT_SECRET` …) come from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** On a stop, how long a running refresh or `up` may take to finish before it is cancelled. */
  readonly graceMs: number;
  /** The whole cycle's deadline (`--cycle-timeout`). */
  readonly timeoutMs: number;
  /** A lock older than this fails the cycle instead of skipping it (`--max-lock-age`). */
  readonly maxLockAgeMs: number;
  /** No success for longer than this is logged as an error each cycle (`--max-staleness`). */
  readonly maxStalenessMs: number;
  /** The last success, across the cycles of a loop. */
  readonly success: SuccessClock;
  /** When this runner first saw the current lock, for backends that do not date their locks. */
  readonly lockSeen: { at?: number };
  readonly log: Logger;
  /** Monotonic time and timers, for durations, the deadline and the grace period. */
  readonly clock: Clock;
  /** Epoch ms, to compare with the stack's history. */
  readonly wallNow: () => number;
}

/**
 * One cycle: (refresh) → one Personio listing, written to a private snapshot file → preview from it → guards →
 * `up` from the same snapshot, watched step by step against the preview. Nothing is applied when a guard
 * refuses; an `up` that goes beyond its preview is cancelled and fails the cycle. Failures are reported, never
 * thrown, so a loop survives them; the snapshot is deleted however the cycle ends.
 */
export async function runCycle(
  stack: StackOps,
  options: CycleOptions,
  stop: AbortSignal,
): Promise<CycleResult> {
  const { log, clock } = options;
  const started = clock.now();
  const control = new CycleControl({
    stop,
    clock,
    graceMs: options.graceMs,
    timeoutMs: options.timeoutMs,
    log,
  });
  let snapshot: SnapshotFile | undefined;
  let watch: UpWatch | undefined;
  const result = await (async (): Promise<CycleResult> => {
    try {
      if (await refreshDue(stack, options)) {
        control.enter("refresh");
        const refreshStart = clock.now();
        await stack.refresh(control.signal);
        log("info", "refresh.done", { durationMs: Math.round(clock.now() - refreshStart) });
      }
      if (control.stopped) return stopped(log, control, "Personio listing", started, clock);
      control.enter("Personio listing");
      const listStart = clock.now();
      const config = await stack.projectConfig(options.env);
      const reading = await options.readPersonio(config, control.signal);
      snapshot = writeSnapshot(reading.snapshot);
      log("info", "personio.listed", {
        employees: snapshot.employees,
        durationMs: Math.round(clock.now() - listStart),
      });
      const env = { [SNAPSHOT_ENV]: snapshot.path };

      if (control.stopped) return stopped(log, control, "preview", started, clock);
      control.enter("preview");
      const lastEmployees = employeesOf(
        await earlierOutputs(stack, (reason) => log("warn", "cycle.earlier_outputs_ignored", { reason })),
      );
      const previewEvents: EngineEvent[] = [];
      // The CLI is not started at all once cancelled: a signal that is already aborted never fires again.
      if (control.cancelReason !== undefined) return failed(log, control.cancelReason, started, clock);
      await stack.preview((event) => previewEvents.push(event), control.signal, env);
      const changeSet = changeSetFromEvents(previewEvents);
      const verdict = evaluateGuards(
        { changeSet, employees: employeesOf(changeSet.stackOutputs), lastEmployees },
        options.guards,
      );
      log("info", "preview.done", { ...opCounts(changeSet), durationMs: Math.round(clock.now() - started) });
      if (!verdict.ok) {
        for (const refusal of verdict.refusals)
          log("warn", "guard.refused", {
            guard: refusal.guard,
            reason: refusal.message,
            override: refusal.override,
          });
        return { status: "refused", changeSet, verdict };
      }
      if (!hasChanges(changeSet)) {
        log("info", "cycle.unchanged", { durationMs: Math.round(clock.now() - started) });
        return await withWriteBack(stack, options, reading, control, {
          status: "unchanged",
          changeSet,
          verdict,
        });
      }

      if (control.stopped) return stopped(log, control, "up", started, clock);
      if (control.cancelReason !== undefined) return failed(log, control.cancelReason, started, clock);
      control.enter("up");
      const upWatch = new UpWatch(previewEvents, changeSet);
      watch = upWatch;
      const upEvents: EngineEvent[] = [];
      const upStart = clock.now();
      await stack.up(
        (event) => {
          upEvents.push(event);
          if (upWatch.observe(event)) control.cancel(upWatch.describe());
        },
        control.signal,
        env,
      );
      const applied = changeSetFromEvents(upEvents);
      if (upWatch.violation) return failed(log, upWatch.describe(), started, clock, { changeSet, applied });
      log("info", "cycle.applied", { ...opCounts(applied), durationMs: Math.round(clock.now() - upStart) });
      return await withWriteBack(stack, options, reading, control, {
        status: "applied",
        changeSet,
        applied,
        verdict,
      });
    } catch (error) {
      if (watch?.violation === true) return failed(log, watch.describe(), started, clock);
      if (control.cancelReason !== undefined) return failed(log, control.cancelReason, started, clock);
      if (isLocked(error)) return locked(stack, options, error);
      return failed(log, describeFailure(error), started, clock);
    } finally {
      snapshot?.dispose();
      control.dispose();
    }
  })();
  if (result.status !== "locked") options.lockSeen.at = undefined;
  await recordOutcome(stack, options, result);
  return result;
}

/**
 * Write-back after a successful cycle, from the cycle's listing and the outputs after `up`. Its failures are
 * reported in the result and a status line (`applied, 3 write-backs failed`), never as a failed cycle: the
 * tenant is in step whatever Personio answers.
 */
async function withWriteBack(
  stack: StackOps,
  options: CycleOptions,
  reading: PersonioReading,
  control: CycleControl,
  result: CycleResult,
): Promise<CycleResult> {
  if (options.writeBack === undefined) return result;
  let writeBack: WriteBackResult | undefined;
  try {
    writeBack = await options.writeBack({
      reading,
      outputs: () => stack.lastOutputs(),
      signal: control.signal,
    });
  } catch (error) {
    const message = control.cancelReason ?? describeFailure(error);
    writeBack = { planned: 0, written: 0, failed: [], stop: { kind: "failed", message } };
  }
  if (writeBack === undefined) return result;
  const failed = writeBack.failed.length;
  options.log(failed > 0 || writeBack.stop !== undefined ? "warn" : "info", "cycle.write_back", {
    status: statusLine(result.status, writeBack),
    planned: writeBack.planned,
    written: writeBack.written,
    failed,
    reason: writeBack.stop?.message,
  });
  return { ...result, writeBack };
}

function stopped(
  log: Logger,
  control: CycleControl,
  next: Phase,
  started: number,
  clock: Clock,
): CycleResult {
  return failed(log, control.cancelReason ?? control.stoppedBefore(next), started, clock);
}

function failed(
  log: Logger,
  reason: string,
  started: number,
  clock: Clock,
  sets: Pick<CycleResult, "changeSet" | "applied"> = {},
): CycleResult {
  log("error", "cycle.failed", { reason, durationMs: Math.round(clock.now() - started) });
  return { status: "failed", error: reason, ...sets };
}

/** One line for a failure: the CLI's cause without personal data, or our own typed error's message. */
function describeFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof PersonioError) return error.message;
  return causeLine(error);
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
export function employeesOf(outputs: ObservedOutputs | undefined): number | undefined {
  return outputs?.counts?.employees;
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

/**
 * The CLI's errors carry its whole output; the first line that says "error:" is the cause, with e-mail
 * addresses, UPNs and quoted names redacted (provider errors quote them).
 */
export function causeLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return redact(lines.find((l) => l.startsWith("error:")) ?? lines[0] ?? "unknown error").slice(0, 300);
}
