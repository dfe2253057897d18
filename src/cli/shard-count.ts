import { existsSync } from "node:fs";
import { readStackFile } from "../config";
import { MAX_SHARDS } from "../contract/shards";
import type { StringFlag } from "../util/flag-table";
import { CommandError, EXIT } from "./io";
import { stackConfigFile } from "./runner-args";

/**
 * Into how many shard stacks the runner splits the stack: `personio-azuread:shards` of
 * `stacks/Pulumi.<stack>.yaml`, else 1 (one stack, not sharded). Read once when the runner starts: changing it
 * means moving accounts between stacks (see the README), so a runner is restarted for it anyway.
 */
export function stackShards(workDir: string, stackName: string): number {
  const file = stackConfigFile(workDir, stackName);
  if (!existsSync(file)) return 1;
  const value = readStackFile(file).values["shards"];
  if (value === undefined) return 1;
  const shards = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof shards !== "number" || !Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS) {
    throw new CommandError(
      `Invalid value for personio-azuread:shards in ${file}: ${JSON.stringify(value)}. ` +
        `Allowed: a whole number of shards from 1 to ${MAX_SHARDS} (1: one stack, not sharded).`,
      EXIT.usage,
    );
  }
  return shards;
}

/** The flag of {@link shardParallelism}, for `reconcile` and `preview`. */
export const SHARD_PARALLELISM_FLAG = {
  type: "string",
  value: "N",
  default: "2",
  description: "how many shard stacks preview or update at once (with personio-azuread:shards)",
  example: "4",
} as const satisfies StringFlag;

/** `--shard-parallelism`: how many shards preview or update at once; default 2 (one per core of a small host). */
export function shardParallelism(value: unknown): number {
  if (value === undefined) return Number(SHARD_PARALLELISM_FLAG.default);
  if (typeof value !== "string" || !/^[1-9]\d*$/.test(value) || Number(value) > MAX_SHARDS) {
    throw new CommandError(
      `Invalid value for --shard-parallelism: ${JSON.stringify(value)}. Allowed: a whole number from 1 to ${MAX_SHARDS}.`,
      EXIT.usage,
    );
  }
  return Number(value);
}
