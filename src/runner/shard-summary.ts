import type { CycleStatus, ShardResult } from "./cycle-types";

/**
 * One line of which shards ended how, in shard order, statuses in a fixed order: stack names only.
 * @example shardsLine([{ shard: 0, stack: "prod-0", status: "applied" }, { shard: 1, stack: "prod-1", status: "failed" }])
 *   === "applied: prod-0; failed: prod-1"
 */
export function shardsLine(shards: readonly ShardResult[]): string {
  const order: readonly CycleStatus[] = ["applied", "unchanged", "refused", "locked", "failed"];
  return order
    .map((status) => {
      const stacks = shards.filter((s) => s.status === status).map((s) => s.stack);
      return stacks.length === 0 ? "" : `${status}: ${stacks.join(", ")}`;
    })
    .filter((part) => part !== "")
    .join("; ");
}
