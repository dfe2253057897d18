import type { EngineEvent } from "@pulumi/pulumi/automation";
import { employeesOf } from "../contract";
import { shardStackName } from "../contract/shards";
import { earlierOutputs, type StackOps, type StackTarget } from "../engine/stack-ops";
import { type ChangeSet, changeSetFromEvents, sumChangeSets } from "../review/change-set";
import type { ShardPreviewRow } from "../review/shard-summary";
import { shardEnv } from "../runner/shard-ops";
import { takeSnapshot } from "../runner/take-snapshot";
import { SNAPSHOT_ENV, writeSnapshot } from "../snapshot";
import { mapConcurrent } from "../util/concurrency";
import type { CommandIO } from "./io";

/** What a sharded preview gives the PR comment: the sum the guards judge, and a row per shard. */
export interface ShardedPreview {
  readonly changeSet: ChangeSet;
  readonly lastEmployees: number | undefined;
  readonly rows: readonly ShardPreviewRow[];
}

/**
 * The PR check of a sharded stack: Personio listed once (the base stack's config) into one snapshot, then every
 * shard stack previewed from it with `PERSONIO_AZUREAD_SHARD=i/N`, `parallelism` at a time; the change sets are
 * summed for the guards, as the coordinator cycle does. Engine events go to `events` for the failure's redaction.
 */
export async function previewShards(
  base: StackOps,
  target: StackTarget,
  shards: number,
  parallelism: number,
  io: CommandIO,
  openShard: (target: StackTarget, index: number) => Promise<StackOps>,
  events: EngineEvent[],
): Promise<ShardedPreview> {
  const reading = await takeSnapshot(await base.projectConfig(io.env), { env: io.env, now: io.now() });
  const snapshot = writeSnapshot(reading.snapshot);
  try {
    const env = { [SNAPSHOT_ENV]: snapshot.path };
    const indices = Array.from({ length: shards }, (_, index) => index);
    const previews = await mapConcurrent(indices, parallelism, async (index, signal) => {
      const stack = await openShard(target, index);
      const last = employeesOf(
        await earlierOutputs(stack, (reason) => io.stderr(`Earlier outputs ignored: ${reason}`)),
      );
      const own: EngineEvent[] = [];
      await stack.preview(
        (event) => {
          own.push(event);
          events.push(event);
        },
        signal,
        shardEnv(env, index, shards),
      );
      return { stack: shardStackName(target.stackName, index), changeSet: changeSetFromEvents(own), last };
    });
    const known = previews.flatMap((p) => (p.last === undefined ? [] : [p.last]));
    return {
      changeSet: sumChangeSets(previews.map((p) => p.changeSet)),
      lastEmployees: known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0),
      rows: previews.map(({ stack, changeSet }) => ({ stack, changeSet })),
    };
  } finally {
    snapshot.dispose();
  }
}
