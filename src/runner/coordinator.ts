import { ConfigError } from "../config";
import { isLocked, type StackOps } from "../engine/stack-ops";
import { type ChangeSet, sumChangeSets } from "../review/change-set";
import { evaluateGuards } from "../review/guards";
import { sumStackOutputs } from "../review/sum-outputs";
import { SNAPSHOT_ENV, type SnapshotFile, writeSnapshot } from "../snapshot";
import { mapConcurrent } from "../util/concurrency";
import { afterUp } from "./after-up";
import { CycleControl } from "./cycle-control";
import { describeFailure, failed, stopped } from "./cycle-failure";
import { locked, recordOutcome } from "./cycle-outcome";
import { hasChanges, opCounts, refreshDue } from "./cycle";
import type { CycleOptions, CycleResult, CycleStatus, ShardResult } from "./cycle-types";
import { shardsLine } from "./shard-summary";
import { previewShard, type Shard, ShardFailure, type ShardPreview, shardEnv, upShard } from "./shard-ops";

/** The stacks of a sharded stack (`personio-azuread:shards: N > 1`). */
export interface ShardedStack {
  /** The base stack (`prod`): its config is the shards' config, its tag records the coordinator's successes. */
  readonly base: StackOps;
  readonly shards: number;
  /** Opens shard `index`'s stack (`prod-3`), created if missing, with the base stack's config copied to it. */
  readonly openShard: (index: number) => Promise<StackOps>;
  /** How many shards preview or update at once (`--shard-parallelism`, default 2). */
  readonly parallelism: number;
}

/**
 * One coordinator cycle: one Personio listing (one snapshot file for every shard) → each shard's stack opened,
 * its config copied from the base stack → (refresh) → every shard previewed, at most `parallelism` at a time →
 * the guards on the **sum** of the change sets (a disable wave over eight shards is one wave) → `up` per shard
 * with changes, each watched against its own preview → the after-up steps once, over all shards' outputs.
 * A failed preview of any shard stops the cycle before any `up` (the guards cannot judge a sum with a missing
 * part); a failed `up` fails the cycle but neither stops nor rolls back the other shards. The result lists every
 * shard that got as far as a preview.
 */
export async function runCoordinatorCycle(
  sharded: ShardedStack,
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
  let skippedRecords: number | undefined;
  const ended = await (async (): Promise<CycleResult> => {
    try {
      if (control.stopped) return stopped(log, control, "Personio listing", started, clock);
      control.enter("Personio listing");
      const listStart = clock.now();
      const config = await sharded.base.projectConfig(options.env);
      const reading = await options.readPersonio(config, control.signal);
      snapshot = writeSnapshot(reading.snapshot);
      skippedRecords = reading.snapshot.skipped?.length ?? 0;
      log("info", "personio.listed", {
        employees: snapshot.employees,
        ...(skippedRecords > 0 ? { skippedRecords } : {}),
        shards: sharded.shards,
        durationMs: Math.round(clock.now() - listStart),
      });
      await options.senderCheck?.(reading.config, control.signal);
      const indices = Array.from({ length: sharded.shards }, (_, index) => index);
      const shards: Shard[] = await mapConcurrent(
        indices,
        sharded.parallelism,
        async (index) => ({ index, stack: await sharded.openShard(index) }),
        control.signal,
      );
      await refreshShards(shards, sharded.parallelism, control, options);

      if (control.stopped) return stopped(log, control, "preview", started, clock);
      control.enter("preview");
      const env = { [SNAPSHOT_ENV]: snapshot.path };
      const previews = await mapConcurrent(
        shards,
        sharded.parallelism,
        (shard, signal) => previewShard(shard, shardEnv(env, shard.index, sharded.shards), signal, options),
        control.signal,
      );
      const changeSet = sumChangeSets(previews.map((p) => p.changeSet));
      const verdict = evaluateGuards(
        { changeSet, employees: employeesOfAll(previews), lastEmployees: lastEmployeesOfAll(previews) },
        options.guards,
      );
      log("info", "preview.done", {
        ...opCounts(changeSet),
        shards: sharded.shards,
        durationMs: Math.round(clock.now() - started),
      });
      const every = (status: CycleStatus): ShardResult[] =>
        previews.map((p) => ({ shard: p.index, stack: p.stack.stackName, status }));
      if (!verdict.ok) {
        for (const refusal of verdict.refusals)
          log("warn", "guard.refused", {
            guard: refusal.guard,
            reason: refusal.message,
            override: refusal.override,
          });
        return { status: "refused", changeSet, verdict, shards: every("refused") };
      }
      const merged = mergedOutputs(shards);
      if (!hasChanges(changeSet)) {
        log("info", "cycle.unchanged", {
          shards: sharded.shards,
          durationMs: Math.round(clock.now() - started),
        });
        const result: CycleResult = { status: "unchanged", changeSet, verdict, shards: every("unchanged") };
        return await afterUp(merged, options, reading, control, result, started);
      }

      if (control.stopped) return stopped(log, control, "up", started, clock);
      if (control.cancelReason !== undefined) return failed(log, control.cancelReason, started, clock);
      control.enter("up");
      const upStart = clock.now();
      const ups = await mapConcurrent(
        previews,
        sharded.parallelism,
        (preview, signal) => upShard(preview, shardEnv(env, preview.index, sharded.shards), signal, options),
        control.signal,
      );
      const shardResults: ShardResult[] = ups.map(({ shard, stack, status, error }) =>
        error === undefined ? { shard, stack, status } : { shard, stack, status, error },
      );
      const failures = ups.filter((u) => u.status === "failed");
      for (const failure of failures)
        log("error", "shard.failed", { shard: failure.shard, stack: failure.stack, reason: failure.error });
      const appliedUps = ups.filter((u) => u.status === "applied");
      const applied = sumChangeSets(appliedUps.flatMap((u) => (u.applied === undefined ? [] : [u.applied])));
      const sets = { changeSet, applied, verdict, shards: shardResults };
      if (control.cancelReason !== undefined)
        return { ...failed(log, control.cancelReason, started, clock, sets), ...sets };
      let result: CycleResult = { status: "applied", ...sets };
      if (appliedUps.length > 0) {
        log("info", "cycle.applied", {
          ...opCounts(applied),
          shards: appliedUps.map((u) => u.shard).join(","),
          durationMs: Math.round(clock.now() - upStart),
        });
        const checked: ChangeSet = sumChangeSets(appliedUps.map((u) => u.checked));
        const after = await afterUp(
          merged,
          options,
          reading,
          control,
          { ...result, changeSet: checked },
          started,
        );
        result = { ...after, changeSet };
      }
      if (failures.length === 0 || result.status === "failed") return result;
      const first = failures[0] as ShardResult;
      const reason = `${failures.length} of ${sharded.shards} shards failed to apply (${failures
        .map((f) => f.stack)
        .join(", ")}), the others applied: ${first.stack}: ${first.error ?? "failed"}`;
      return { ...result, ...failed(log, reason, started, clock) };
    } catch (error) {
      if (control.cancelReason !== undefined) return failed(log, control.cancelReason, started, clock);
      const shard = error instanceof ShardFailure ? error.shard : undefined;
      const cause = error instanceof ShardFailure ? error.cause : error;
      if (isLocked(cause)) return locked(shard?.stack ?? sharded.base, options, cause);
      const reason = describeFailure(cause, options.redactor);
      if (shard === undefined) {
        const failure = failed(log, reason, started, clock);
        return cause instanceof ConfigError ? { ...failure, configError: true } : failure;
      }
      const line = `shard ${shard.index} (${shard.stack.stackName}): ${reason}; nothing applied`;
      return {
        ...failed(log, line, started, clock),
        shards: [{ shard: shard.index, stack: shard.stack.stackName, status: "failed", error: reason }],
      };
    } finally {
      snapshot?.dispose();
      control.dispose();
    }
  })();
  const result = skippedRecords === undefined ? ended : { ...ended, skippedRecords };
  if (result.shards !== undefined)
    log(result.status === "failed" ? "warn" : "info", "cycle.shards", {
      status: result.status,
      shards: shardsLine(result.shards),
    });
  if (result.status !== "locked") options.lockSeen.at = undefined;
  await recordOutcome(sharded.base, options, result);
  return result;
}

/** Refreshes the shards whose last refresh is due, a few at a time. */
async function refreshShards(
  shards: readonly Shard[],
  parallelism: number,
  control: CycleControl,
  options: CycleOptions,
): Promise<void> {
  const due = (
    await Promise.all(shards.map(async (s) => ((await refreshDue(s.stack, options)) ? [s] : [])))
  ).flat();
  if (due.length === 0 || control.stopped) return;
  control.enter("refresh");
  const start = options.clock.now();
  await mapConcurrent(due, parallelism, (s, signal) => s.stack.refresh(signal), control.signal);
  options.log("info", "refresh.done", {
    shards: due.length,
    durationMs: Math.round(options.clock.now() - start),
  });
}

/** The sum of the shards' employee counts; undefined when any preview lacks one (the guards then fail closed). */
function employeesOfAll(previews: readonly ShardPreview[]): number | undefined {
  return sumStackOutputs(previews.map((p) => p.changeSet.stackOutputs ?? {})).counts?.employees;
}

/** The sum of the counts the shards' last updates recorded; undefined before any shard's first update. */
function lastEmployeesOfAll(previews: readonly ShardPreview[]): number | undefined {
  const known = previews.flatMap((p) => (p.lastEmployees === undefined ? [] : [p.lastEmployees]));
  return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0);
}

/** Every shard's last outputs as one (write-back reads `principalNames` of all shards). */
function mergedOutputs(shards: readonly Shard[]): Pick<StackOps, "lastOutputs"> {
  return {
    lastOutputs: async () => sumStackOutputs(await Promise.all(shards.map((s) => s.stack.lastOutputs()))),
  };
}
