import type { EngineEvent } from "@pulumi/pulumi/automation";
import { ConfigError } from "../config";
import { employeesOf } from "../contract";
import { earlierOutputs, isLocked, type StackOps } from "../engine/stack-ops";
import { UpWatch } from "../engine/up-watch";
import { type ChangeSet, changeSetFromEvents } from "../review/change-set";
import { evaluateGuards } from "../review/guards";
import { SNAPSHOT_ENV, type SnapshotFile, writeSnapshot } from "../snapshot";
import { afterUp } from "./after-up";
import { CycleControl } from "./cycle-control";
import { describeFailure, failed, stopped } from "./cycle-failure";
import { locked, recordOutcome } from "./cycle-outcome";
import { knownPeople } from "./known-people";
import type { CycleOptions, CycleResult } from "./cycle-types";
import { sortedIds, targetedGuardChangeSet, unknownIds, unknownIdsResult } from "./targeted";
import { limitedWriteBack } from "./write-back-step";

/**
 * One cycle: (refresh) → one Personio listing, written to a private snapshot file → the sender check (with a
 * Temporary Access Pass) → preview from it → guards →
 * `up` from the same snapshot, watched step by step against the preview. Nothing is applied when a guard
 * refuses; an `up` that goes beyond its preview is cancelled and fails the cycle. Failures are reported, never
 * thrown, so a loop survives them; the snapshot is deleted however the cycle ends.
 *
 * With `only`, a targeted cycle: the same whole listing (the program still renders everyone), but preview and
 * `up` limited to those employees' resources (engine targets), their change set guarded, the after-up steps
 * run for them alone; no refresh, and no success recorded for the stack. An id Personio does not list stops it
 * before the preview (`unknownIds`).
 */
export async function runCycle(
  stack: StackOps,
  cycleOptions: CycleOptions,
  stop: AbortSignal,
  only?: ReadonlySet<string>,
): Promise<CycleResult> {
  // In numeric order, so that the engine's targets and the log line do not depend on how the ids were given.
  const ids = only === undefined ? undefined : new Set(sortedIds(only));
  const options = ids === undefined ? cycleOptions : targetedOptions(cycleOptions, ids);
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
  let skippedRecords: number | undefined;
  const ended = await (async (): Promise<CycleResult> => {
    try {
      if (ids === undefined && (await refreshDue(stack, options))) {
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
      skippedRecords = reading.snapshot.skipped?.length ?? 0;
      log("info", "personio.listed", {
        employees: snapshot.employees,
        ...(skippedRecords > 0 ? { skippedRecords } : {}),
        durationMs: Math.round(clock.now() - listStart),
      });
      await options.senderCheck?.(reading.config, control.signal);
      const env = { [SNAPSHOT_ENV]: snapshot.path };
      if (ids !== undefined) {
        const unknown = unknownIds(reading.snapshot, ids);
        if (unknown.length > 0 && options.unknownIds !== "drop") {
          return unknownIdsResult(log, unknown, reading.snapshot);
        }
        // Webhooks: a person deleted since (or never listed) has nothing to target; the scheduled cycle backs up.
        for (const id of unknown) ids.delete(id);
        if (unknown.length > 0) log("warn", "cycle.unknown_ids", { ids: unknown.join(","), left: ids.size });
        if (ids.size === 0) return { status: "unchanged" };
        log("info", "cycle.targeted", { only: [...ids].join(","), count: ids.size });
      }

      if (control.stopped) return stopped(log, control, "preview", started, clock);
      control.enter("preview");
      const outputs = await earlierOutputs(stack, (reason) =>
        log("warn", "cycle.earlier_outputs_ignored", { reason }),
      );
      options.redactor?.learn(knownPeople(reading, outputs));
      const lastEmployees = employeesOf(outputs);
      const previewEvents: EngineEvent[] = [];
      // The CLI is not started at all once cancelled: a signal that is already aborted never fires again.
      if (control.cancelReason !== undefined) return failed(log, control.cancelReason, started, clock);
      await stack.preview((event) => previewEvents.push(event), control.signal, env, ids);
      const changeSet = changeSetFromEvents(previewEvents);
      const verdict = evaluateGuards(
        {
          changeSet: ids === undefined ? changeSet : targetedGuardChangeSet(changeSet, outputs),
          employees: employeesOf(changeSet.stackOutputs),
          lastEmployees,
        },
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
        return await afterUp(
          stack,
          options,
          reading,
          control,
          {
            status: "unchanged",
            changeSet,
            verdict,
          },
          started,
        );
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
        ids,
      );
      const applied = changeSetFromEvents(upEvents);
      if (upWatch.violation) return failed(log, upWatch.describe(), started, clock, { changeSet, applied });
      log("info", "cycle.applied", { ...opCounts(applied), durationMs: Math.round(clock.now() - upStart) });
      return await afterUp(
        stack,
        options,
        reading,
        control,
        {
          status: "applied",
          changeSet,
          applied,
          verdict,
        },
        started,
      );
    } catch (error) {
      if (watch?.violation === true) return failed(log, watch.describe(), started, clock);
      if (control.cancelReason !== undefined) return failed(log, control.cancelReason, started, clock);
      if (isLocked(error)) return locked(stack, options, error);
      const failure = failed(log, describeFailure(error, options.redactor), started, clock);
      return error instanceof ConfigError ? { ...failure, configError: true } : failure;
    } finally {
      snapshot?.dispose();
      control.dispose();
    }
  })();
  const counted = skippedRecords === undefined ? ended : { ...ended, skippedRecords };
  const result = ids === undefined ? counted : { ...counted, only: [...ids] };
  if (result.status !== "locked") options.lockSeen.at = undefined;
  await recordOutcome(stack, options, result);
  return result;
}

/** The options of a targeted cycle: its after-up steps see `only`, write-back only those employees' records. */
function targetedOptions(options: CycleOptions, only: ReadonlySet<string>): CycleOptions {
  return {
    ...options,
    only,
    ...(options.writeBack === undefined ? {} : { writeBack: limitedWriteBack(options.writeBack, only) }),
  };
}

/** Whether the stack's last refresh is older than `refreshEveryMs` (never with Infinity). */
export async function refreshDue(stack: StackOps, options: CycleOptions): Promise<boolean> {
  if (options.refreshEveryMs === Infinity) return false;
  const last = await stack.lastRefreshAt();
  return last === undefined || options.wallNow() - last >= options.refreshEveryMs;
}

/** Whether a change set changes anything: a user not `same`, or another resource. */
export function hasChanges(changeSet: ChangeSet): boolean {
  return changeSet.users.some((u) => u.op !== "same") || changeSet.otherChanges.length > 0;
}

/** Users per operation as log fields (`create_replacement`…). */
export function opCounts(changeSet: ChangeSet): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [op, count] of Object.entries(changeSet.counts))
    if (count !== undefined) counts[op.replace(/-/g, "_")] = count;
  return counts;
}
