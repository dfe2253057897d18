import { type ChangeSet, sumChangeSets } from "../review/change-set";
import { SNAPSHOT_ENV, type SnapshotFile } from "../snapshot";
import { mapConcurrent } from "../util/concurrency";
import { afterUp } from "./after-up";
import { CycleControl } from "./cycle-control";
import { failed, stopped } from "./cycle-failure";
import { recordOutcome } from "./cycle-outcome";
import { hasChanges, opCounts } from "./cycle";
import type { CycleOptions, CycleResult, ShardResult } from "./cycle-types";
import { checkShards, everyShard, listOnce, mergedOutputs, type ShardedStack } from "./shard-check";
import { shardsLine } from "./shard-summary";
import { failedShardsLine, shardCycleFailure } from "./shard-failure";
import { shardEnv, upShard } from "./shard-ops";

export type { ShardedStack } from "./shard-check";

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
      const listed = await listOnce(sharded, options, control);
      snapshot = listed.snapshot;
      const reading = listed.reading;
      skippedRecords = reading.snapshot.skipped?.length ?? 0;
      const check = await checkShards(sharded, snapshot.path, control, options, started);
      if ("stoppedBefore" in check) return stopped(log, control, check.stoppedBefore, started, clock);
      const { shards, previews, changeSet, verdict } = check;
      const env = { [SNAPSHOT_ENV]: snapshot.path };
      if (!verdict.ok)
        return { status: "refused", changeSet, verdict, shards: everyShard(previews, "refused") };
      const merged = mergedOutputs(shards);
      if (!hasChanges(changeSet)) {
        log("info", "cycle.unchanged", {
          shards: sharded.shards,
          durationMs: Math.round(clock.now() - started),
        });
        const result: CycleResult = {
          status: "unchanged",
          changeSet,
          verdict,
          shards: everyShard(previews, "unchanged"),
        };
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
      const reason = failedShardsLine(failures, sharded.shards, true);
      return { ...result, ...failed(log, reason, started, clock) };
    } catch (error) {
      return await shardCycleFailure(error, sharded.base, control, options, started);
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
