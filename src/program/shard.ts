import { ConfigError } from "../config";
import { parseShardEnv, SHARD_ENV, shardOf } from "../contract";
import type { DesiredUser, RenderResult } from "../render";

/** The shard a stack's program declares: shard `index` of `shards`, and who belongs to it. */
export interface Shard {
  readonly index: number;
  readonly shards: number;
  /** Whether an employee (decimal Personio id) is one of this shard's. */
  readonly has: (employeeId: string) => boolean;
}

/**
 * The shard this run declares, from `personio-azuread:shards`, the runner's {@link SHARD_ENV} and the stack
 * name; undefined for an unsharded stack (shards 1 and no variable: today's behaviour). Throws
 * {@link ConfigError} (one line) when a sharded stack runs without the variable, the variable's N is not the
 * config's, or the stack is not `<stack>-<i>`.
 */
export function shardOfRun(shards: number, envValue: string | undefined, stack: string): Shard | undefined {
  let parsed: ReturnType<typeof parseShardEnv>;
  try {
    parsed = parseShardEnv(envValue);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (parsed === undefined) {
    if (shards === 1) return undefined;
    throw new ConfigError(
      `Missing ${SHARD_ENV}: personio-azuread:shards is ${shards}, so the program runs only in a shard stack ` +
        `(<stack>-<i>) with ${SHARD_ENV}="<i>/${shards}", which the reconcile runner sets. ` +
        "Allowed: run the stacks through npm run reconcile, or set shards to 1.",
    );
  }
  if (parsed.shards !== shards) {
    throw new ConfigError(
      `Invalid value for ${SHARD_ENV}: "${parsed.index}/${parsed.shards}". ` +
        `Allowed: "<i>/${shards}", as personio-azuread:shards is ${shards}.`,
    );
  }
  if (!stack.endsWith(`-${parsed.index}`)) {
    throw new ConfigError(
      `Invalid stack for shard ${parsed.index}/${parsed.shards}: "${stack}". Allowed: a stack named <stack>-${parsed.index}.`,
    );
  }
  const { index } = parsed;
  return { index, shards, has: (employeeId) => shardOf(employeeId, shards) === index };
}

/**
 * The shard's users, ready to declare: a manager in another shard is linked by the object id of their existing
 * account (found in the tenant listing by employee id); one that has no account yet (created this cycle by its
 * own shard) is left out and counted, and links on the next cycle.
 * @example a user of shard 1 whose manager (shard 0) was adopted → managerObjectId = the manager's object id
 */
export function shardUsers(
  users: readonly DesiredUser[],
  shard: Shard,
): { users: DesiredUser[]; managersPending: number } {
  const byId = new Map(users.map((user) => [user.employeeId, user]));
  const mine: DesiredUser[] = [];
  let managersPending = 0;
  for (const user of users) {
    if (!shard.has(user.employeeId)) continue;
    const managerId = user.managerEmployeeId;
    const manager = managerId === undefined ? undefined : byId.get(managerId);
    if (manager === undefined || shard.has(manager.employeeId) || user.managerObjectId !== undefined) {
      mine.push(user);
    } else if (manager.adoptedObjectId !== undefined) {
      mine.push({ ...user, managerObjectId: manager.adoptedObjectId });
    } else {
      managersPending++;
      const withoutManager: DesiredUser = { ...user };
      delete (withoutManager as { managerEmployeeId?: string }).managerEmployeeId;
      mine.push(withoutManager);
    }
  }
  return { users: mine, managersPending };
}

/** The render result of the shard's employees only: the shard's outputs count and list them, nobody else. */
export function shardResult(result: RenderResult, users: DesiredUser[], shard: Shard): RenderResult {
  return {
    users,
    skipped: result.skipped.filter((s) => shard.has(s.employeeId)),
    warnings: result.warnings.filter((w) => shard.has(w.employeeId)),
    events: result.events.filter((e) => shard.has(e.employeeId)),
    rehires: result.rehires.filter((r) => shard.has(r.employeeId)),
  };
}
