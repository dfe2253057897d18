import { shardStackName } from "../contract/shards";
import { changeSetFromEvents, sumChangeSets } from "../review/change-set";
import { SNAPSHOT_ENV, type SnapshotFile, writeSnapshot } from "../snapshot";
import { mapConcurrent } from "../util/concurrency";
import { afterUp } from "./after-up";
import { type Manifest } from "./bundle-files";
import { checkedEvents, openBundle, readShardResult, writeBundle, writeShardResult } from "./bundle";
import { CycleControl } from "./cycle-control";
import { failed, stopped } from "./cycle-failure";
import { recordOutcome } from "./cycle-outcome";
import { hasChanges } from "./cycle";
import type { CycleOptions, CycleResult, ShardResult } from "./cycle-types";
import { knownPeople } from "./known-people";
import { checkShards, everyShard, listOnce, mergedOutputs, type ShardedStack } from "./shard-check";
import { failedShardsLine, shardCycleFailure } from "./shard-failure";
import { shardsLine } from "./shard-summary";
import { shardEnv, upShard } from "./shard-ops";
import { readingOf } from "./take-snapshot";

/** Where a sharded cycle's phases keep their checked bundle, the key that seals it, and how old it may be. */
export interface BundlePlace {
  readonly dir: string;
  readonly key: Buffer;
  /** `--max-bundle-age`: a later phase refuses an older bundle. */
  readonly maxAgeMs: number;
}

/** `--check`: the bundle written (the guards passed), or the cycle's refusal or failure. */
export type CheckOutcome =
  | { readonly checked: true; readonly manifest: Manifest }
  | { readonly checked: false; readonly result: CycleResult };

/**
 * Phase 1 of a sharded cycle over several hosts: the coordinator's listing, previews and guards on the sum,
 * then — only when the guards pass — the checked bundle (snapshot and every shard's preview, sealed) in `dir`.
 */
export async function runCheckPhase(
  sharded: ShardedStack,
  options: CycleOptions,
  stop: AbortSignal,
  place: BundlePlace,
): Promise<CheckOutcome> {
  const started = options.clock.now();
  const control = cycleControl(options, stop);
  let snapshot: SnapshotFile | undefined;
  try {
    if (control.stopped)
      return {
        checked: false,
        result: stopped(options.log, control, "Personio listing", started, options.clock),
      };
    const listed = await listOnce(sharded, options, control);
    snapshot = listed.snapshot;
    options.redactor?.learn(knownPeople(listed.reading, {}));
    const check = await checkShards(sharded, snapshot.path, control, options, started);
    if ("stoppedBefore" in check)
      return {
        checked: false,
        result: stopped(options.log, control, check.stoppedBefore, started, options.clock),
      };
    const { previews, changeSet, verdict } = check;
    if (!verdict.ok)
      return {
        checked: false,
        result: { status: "refused", changeSet, verdict, shards: everyShard(previews, "refused") },
      };
    const manifest = writeBundle(place.dir, place.key, {
      stack: sharded.base.stackName,
      createdAt: options.wallNow(),
      snapshot: listed.reading.snapshot,
      previews: previews.map((p) => p.events),
      changes: previews.map(
        (p) => p.changeSet.users.filter((u) => u.op !== "same").length + p.changeSet.otherChanges.length,
      ),
    });
    options.log("info", "bundle.written", {
      shards: manifest.shards,
      employees: manifest.employees,
      changes: manifest.changes.join(","),
    });
    return { checked: true, manifest };
  } catch (error) {
    return {
      checked: false,
      result: await shardCycleFailure(error, sharded.base, control, options, started),
    };
  } finally {
    snapshot?.dispose();
    control.dispose();
  }
}

/**
 * Phase 2, one per shard and host: `up` of shard `index` from the bundle's snapshot, held by `UpWatch` to that
 * shard's checked preview (a step it did not show cancels the update), and the shard's sealed result written
 * into the bundle for the after-up phase. Never throws for the shard's own failure: it is the result.
 */
export async function runApplyShardPhase(
  sharded: ShardedStack,
  index: number,
  options: CycleOptions,
  stop: AbortSignal,
  place: BundlePlace,
): Promise<ShardResult> {
  const { manifest, snapshot } = openBundle(place.dir, place.key, expectation(sharded, options, place));
  const events = checkedEvents(place.dir, place.key, manifest, index);
  options.redactor?.learn(
    knownPeople(readingOf(await sharded.base.projectConfig(options.env), snapshot, options.env), {}),
  );
  const file = writeSnapshot(snapshot);
  const control = cycleControl(options, stop);
  const stack = shardStackName(sharded.base.stackName, index);
  let result: ShardResult;
  try {
    control.enter("up");
    const shard = { index, stack: await sharded.openShard(index) };
    const preview = { ...shard, events, changeSet: changeSetFromEvents(events), lastEmployees: undefined };
    const env = shardEnv({ [SNAPSHOT_ENV]: file.path }, index, sharded.shards);
    const up = await upShard(preview, env, control.signal, options);
    result = {
      shard: up.shard,
      stack: up.stack,
      status: up.status,
      ...(up.error === undefined ? {} : { error: up.error }),
    };
  } catch (error) {
    const failure = await shardCycleFailure(error, sharded.base, control, options, options.clock.now());
    result = { shard: index, stack, status: "failed", error: failure.error ?? failure.status };
  } finally {
    file.dispose();
    control.dispose();
  }
  writeShardResult(place.dir, place.key, manifest, result);
  options.log(result.status === "failed" ? "error" : "info", "shard.done", { ...result });
  return result;
}

/**
 * Phase 3, once: the after-up steps over all shards' outputs (as the coordinator runs them: for the shards whose
 * `up` applied, or when none had changes), and the cycle's result from every shard's sealed result — a shard
 * without one failed (its apply did not run or did not finish). Records the success on the base stack.
 */
export async function runAfterUpPhase(
  sharded: ShardedStack,
  options: CycleOptions,
  stop: AbortSignal,
  place: BundlePlace,
): Promise<CycleResult> {
  const { log, clock } = options;
  const started = clock.now();
  const control = cycleControl(options, stop);
  let result: CycleResult;
  try {
    const { manifest, snapshot } = openBundle(place.dir, place.key, expectation(sharded, options, place));
    const reading = readingOf(await sharded.base.projectConfig(options.env), snapshot, options.env);
    options.redactor?.learn(knownPeople(reading, {}));
    const indices = Array.from({ length: sharded.shards }, (_, index) => index);
    const shards: ShardResult[] = indices.map(
      (index) =>
        readShardResult(place.dir, place.key, manifest, index) ?? {
          shard: index,
          stack: shardStackName(sharded.base.stackName, index),
          status: "failed",
          error: "no result: its --apply-shard did not run to the end",
        },
    );
    const checkedOf = (index: number) =>
      changeSetFromEvents(checkedEvents(place.dir, place.key, manifest, index));
    const changeSet = sumChangeSets(indices.map(checkedOf));
    const applied = shards.filter((s) => s.status === "applied");
    const failures = shards.filter((s) => s.status === "failed");
    result = { status: hasChanges(changeSet) ? "applied" : "unchanged", changeSet, shards };
    if (applied.length > 0 || failures.length === 0) {
      const opened = await mapConcurrent(
        indices,
        sharded.parallelism,
        async (index) => ({ stack: await sharded.openShard(index) }),
        control.signal,
      );
      const checked = sumChangeSets(applied.map((s) => checkedOf(s.shard)));
      const after = await afterUp(
        mergedOutputs(opened),
        options,
        reading,
        control,
        { ...result, changeSet: checked },
        started,
      );
      result = { ...after, changeSet };
    }
    if (failures.length > 0 && result.status !== "failed") {
      const reason = failedShardsLine(failures, sharded.shards, false);
      result = { ...result, ...failed(log, reason, started, clock) };
    }
  } catch (error) {
    result = await shardCycleFailure(error, sharded.base, control, options, started);
  } finally {
    control.dispose();
  }
  if (result.shards !== undefined)
    log(result.status === "failed" ? "warn" : "info", "cycle.shards", {
      status: result.status,
      shards: shardsLine(result.shards),
    });
  await recordOutcome(sharded.base, options, result);
  return result;
}

function cycleControl(options: CycleOptions, stop: AbortSignal): CycleControl {
  return new CycleControl({
    stop,
    clock: options.clock,
    graceMs: options.graceMs,
    timeoutMs: options.timeoutMs,
    log: options.log,
  });
}

function expectation(sharded: ShardedStack, options: CycleOptions, place: BundlePlace) {
  return {
    stack: sharded.base.stackName,
    shards: sharded.shards,
    now: options.wallNow(),
    maxAgeMs: place.maxAgeMs,
  };
}
