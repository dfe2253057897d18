import type { StackOps } from "../engine/stack-ops";
import { type ChangeSet, sumChangeSets } from "../review/change-set";
import { evaluateGuards, type GuardVerdict } from "../review/guards";
import { sumStackOutputs } from "../review/sum-outputs";
import { SNAPSHOT_ENV, type SnapshotFile, writeSnapshot } from "../snapshot";
import { mapConcurrent } from "../util/concurrency";
import type { CycleControl, Phase } from "./cycle-control";
import { opCounts, refreshDue } from "./cycle";
import type { CycleOptions, CycleStatus, ShardResult } from "./cycle-types";
import type { PersonioReading } from "./take-snapshot";
import { previewShard, type Shard, type ShardPreview, shardEnv } from "./shard-ops";

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

/** Every shard previewed from one snapshot, and the guards' verdict on the sum of their changes. */
export interface ShardCheck {
  readonly shards: readonly Shard[];
  readonly previews: readonly ShardPreview[];
  readonly changeSet: ChangeSet;
  readonly verdict: GuardVerdict;
}

/**
 * The one Personio listing of a sharded cycle, written as the snapshot file every shard renders from, then the
 * sender check. The caller disposes of the snapshot.
 */
export async function listOnce(
  sharded: Pick<ShardedStack, "base" | "shards">,
  options: CycleOptions,
  control: CycleControl,
): Promise<{ reading: PersonioReading; snapshot: SnapshotFile }> {
  control.enter("Personio listing");
  const listStart = options.clock.now();
  const config = await sharded.base.projectConfig(options.env);
  const reading = await options.readPersonio(config, control.signal);
  const snapshot = writeSnapshot(reading.snapshot);
  const skippedRecords = reading.snapshot.skipped?.length ?? 0;
  options.log("info", "personio.listed", {
    employees: snapshot.employees,
    ...(skippedRecords > 0 ? { skippedRecords } : {}),
    shards: sharded.shards,
    durationMs: Math.round(options.clock.now() - listStart),
  });
  try {
    await options.senderCheck?.(reading.config, control.signal);
  } catch (error) {
    snapshot.dispose();
    throw error;
  }
  return { reading, snapshot };
}

/**
 * Opens every shard's stack, refreshes those due, previews each from the snapshot at `snapshotPath` (at most
 * `parallelism` at a time) and applies the guards to the **sum** of their change sets; a refusal is logged.
 * Returns the phase it was stopped before when a stop signal came first. A failed preview throws `ShardFailure`.
 */
export async function checkShards(
  sharded: ShardedStack,
  snapshotPath: string,
  control: CycleControl,
  options: CycleOptions,
  started: number,
): Promise<ShardCheck | { readonly stoppedBefore: Phase }> {
  const { log, clock } = options;
  const indices = Array.from({ length: sharded.shards }, (_, index) => index);
  const shards: Shard[] = await mapConcurrent(
    indices,
    sharded.parallelism,
    async (index) => ({ index, stack: await sharded.openShard(index) }),
    control.signal,
  );
  await refreshShards(shards, sharded.parallelism, control, options);

  if (control.stopped) return { stoppedBefore: "preview" };
  control.enter("preview");
  const env = { [SNAPSHOT_ENV]: snapshotPath };
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
  if (!verdict.ok)
    for (const refusal of verdict.refusals)
      log("warn", "guard.refused", {
        guard: refusal.guard,
        reason: refusal.message,
        override: refusal.override,
      });
  return { shards, previews, changeSet, verdict };
}

/** Every previewed shard with one status. */
export function everyShard(previews: readonly ShardPreview[], status: CycleStatus): ShardResult[] {
  return previews.map((p) => ({ shard: p.index, stack: p.stack.stackName, status }));
}

/** Every shard's last outputs as one (write-back reads `principalNames` of all shards). */
export function mergedOutputs(shards: readonly Pick<Shard, "stack">[]): Pick<StackOps, "lastOutputs"> {
  return {
    lastOutputs: async () => sumStackOutputs(await Promise.all(shards.map((s) => s.stack.lastOutputs()))),
  };
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
