import { ConfigError } from "../config";
import { isLocked, type StackOps } from "../engine/stack-ops";
import type { CycleControl } from "./cycle-control";
import { describeFailure, failed } from "./cycle-failure";
import { locked } from "./cycle-outcome";
import type { CycleOptions, CycleResult } from "./cycle-types";
import type { ShardResult } from "./cycle-types";
import { ShardFailure } from "./shard-ops";

/**
 * The result of a sharded cycle (or phase) that threw: the cycle's cancel reason when it was cancelled, a locked
 * stack (the shard's, else `base`), a config error, or a shard's failure named by shard and stack, nothing applied.
 */
export async function shardCycleFailure(
  error: unknown,
  base: StackOps,
  control: CycleControl,
  options: CycleOptions,
  started: number,
): Promise<CycleResult> {
  const { log, clock } = options;
  if (control.cancelReason !== undefined) return failed(log, control.cancelReason, started, clock);
  const shard = error instanceof ShardFailure ? error.shard : undefined;
  const cause = error instanceof ShardFailure ? error.cause : error;
  if (isLocked(cause)) return locked(shard?.stack ?? base, options, cause);
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
}

/**
 * The failure line of a sharded cycle whose `up` failed on some shards, naming them and the first one's error.
 * @example failedShardsLine([prod-2 failed], 4, true)
 *   === "1 of 4 shards failed to apply (prod-2), the others applied: prod-2: error: …"
 */
export function failedShardsLine(
  failures: readonly ShardResult[],
  shards: number,
  othersApplied: boolean,
): string {
  const first = failures[0] as ShardResult;
  const which = `(${failures.map((f) => f.stack).join(", ")})${othersApplied ? ", the others applied" : ""}`;
  return `${failures.length} of ${shards} shards failed to apply ${which}: ${first.stack}: ${first.error ?? "failed"}`;
}
