import { shardOf } from "../contract/shards";
import type { Plan, PlanShard } from "./plan";

/**
 * The plan of a sharded stack (`shards` > 1): every user gets its `shard` (see `shardOf`) and the plan a row per
 * shard — its users, enabled, disabled, and the group memberships of its users. With 1 shard the plan is
 * returned as it is.
 */
export function withShards(plan: Plan, shards: number): Plan {
  if (shards <= 1) return plan;
  const rows: PlanShard[] = Array.from({ length: shards }, (_, shard) => ({
    shard,
    users: 0,
    enabled: 0,
    disabled: 0,
    memberships: 0,
  }));
  const users = plan.users.map((user) => {
    const shard = shardOf(user.employeeId, shards);
    const row = rows[shard] as { -readonly [K in keyof PlanShard]: PlanShard[K] };
    row.users++;
    if (user.accountEnabled) row.enabled++;
    else row.disabled++;
    row.memberships += user.groups?.length ?? 0;
    // Object.assign: `shard` is a number, which the rendered inputs' index signature does not list.
    return Object.assign({}, user, { shard });
  });
  return { ...plan, users, shards: rows };
}
