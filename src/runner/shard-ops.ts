import type { EngineEvent } from "@pulumi/pulumi/automation";
import { employeesOf, type ObservedOutputs } from "../contract";
import { SHARD_ENV } from "../contract/shards";
import { earlierOutputs, type StackOps } from "../engine/stack-ops";
import { UpWatch } from "../engine/up-watch";
import { type ChangeSet, changeSetFromEvents } from "../review/change-set";
import { describeFailure } from "./cycle-failure";
import { hasChanges } from "./cycle";
import type { CycleOptions, ShardResult } from "./cycle-types";

/** One shard's stack in a coordinator cycle. */
export interface Shard {
  readonly index: number;
  readonly stack: StackOps;
}

/** A shard's checked preview: its events (for the `up`'s watch), change set and earlier outputs. */
export interface ShardPreview extends Shard {
  readonly events: readonly EngineEvent[];
  readonly changeSet: ChangeSet;
  readonly lastEmployees: number | undefined;
}

/** What one shard's `up` did; `applied` when its status is `applied`. */
export interface ShardUp extends ShardResult {
  readonly checked: ChangeSet;
  readonly applied?: ChangeSet;
}

/** An operation of one shard failed: which shard, and the cause. */
export class ShardFailure extends Error {
  override readonly name = "ShardFailure";
  constructor(
    readonly shard: Shard,
    override readonly cause: unknown,
  ) {
    super(`shard ${shard.index} (${shard.stack.stackName}) failed`);
  }
}

/** The environment of a shard's preview and `up`: the cycle's snapshot and `PERSONIO_AZUREAD_SHARD=i/N`. */
export function shardEnv(
  env: Readonly<Record<string, string>>,
  index: number,
  shards: number,
): Record<string, string> {
  return { ...env, [SHARD_ENV]: `${index}/${shards}` };
}

/** Previews one shard; a failure is thrown as a {@link ShardFailure}. */
export async function previewShard(
  shard: Shard,
  env: Readonly<Record<string, string>>,
  signal: AbortSignal,
  options: CycleOptions,
): Promise<ShardPreview> {
  try {
    const outputs: ObservedOutputs = await earlierOutputs(shard.stack, (reason) =>
      options.log("warn", "cycle.earlier_outputs_ignored", { shard: shard.index, reason }),
    );
    const events: EngineEvent[] = [];
    await shard.stack.preview((event) => events.push(event), signal, env);
    return { ...shard, events, changeSet: changeSetFromEvents(events), lastEmployees: employeesOf(outputs) };
  } catch (error) {
    throw new ShardFailure(shard, error);
  }
}

/**
 * Runs `up` for one shard, watched against its own checked preview: a step beyond it cancels this shard's update
 * alone. Never throws: a failure is this shard's result, and the other shards go on. A shard whose preview
 * changes nothing is not updated.
 */
export async function upShard(
  preview: ShardPreview,
  env: Readonly<Record<string, string>>,
  signal: AbortSignal,
  options: CycleOptions,
): Promise<ShardUp> {
  const base = { shard: preview.index, stack: preview.stack.stackName, checked: preview.changeSet };
  if (!hasChanges(preview.changeSet)) return { ...base, status: "unchanged" };
  const own = new AbortController();
  const abort = (): void => own.abort(signal.reason);
  if (signal.aborted) abort();
  signal.addEventListener("abort", abort, { once: true });
  const watch = new UpWatch(preview.events, preview.changeSet);
  const events: EngineEvent[] = [];
  try {
    await preview.stack.up(
      (event) => {
        events.push(event);
        if (watch.observe(event)) own.abort(watch.describe());
      },
      own.signal,
      env,
    );
    const applied = changeSetFromEvents(events);
    if (watch.violation) return { ...base, status: "failed", error: watch.describe(), applied };
    return { ...base, status: "applied", applied };
  } catch (error) {
    const reason = watch.violation
      ? watch.describe()
      : signal.aborted
        ? String(signal.reason)
        : describeFailure(error, options.redactor);
    return { ...base, status: "failed", error: reason };
  } finally {
    signal.removeEventListener("abort", abort);
  }
}
