import type { GroupPlan, PlannedGroup } from "../groups";
import type { SkippedRecord } from "../personio";
import type { DesiredDirectory } from "../pipeline";
import type { RenderResult } from "../render";
import { type Shard, shardResult, shardUsers } from "./shard";

/**
 * The part of the desired directory one run declares, and nothing else: the whole directory (every employee,
 * every rendered user, every group's members) is needed to render a shard, not to declare it, and what the run
 * still holds while it declares is work for every pass of the garbage collector.
 */
export interface ShardDirectory {
  /** The render result of the run's employees, managers in other shards resolved (see {@link shardUsers}). */
  readonly result: RenderResult;
  /** The run's employees as Personio listed them, unreadable records included (the `employees` count). */
  readonly employees: number;
  /** The run's employees whose record could not be read. */
  readonly skippedRecords: readonly SkippedRecord[];
  /** Manager links left for the next cycle: the manager's account is new in another shard. */
  readonly managersPending: number;
  /**
   * The groups the run declares: created groups with all their members in the run that owns them (shard 0, or
   * unsharded) and in no other; every existing group, with the run's own members only.
   */
  readonly groups: readonly PlannedGroup[];
  /** Group-rule warnings, logged by the run that owns the created groups; none in the other shards. */
  readonly groupWarnings: readonly string[];
  /** Employee id → object id of the adopted account, for the run's users and its created groups' members. */
  readonly adopted: ReadonlyMap<string, string>;
}

/**
 * The run's part of `directory`: all of it unsharded, the shard's employees in a shard stack. Holds no
 * `Employee` and no other shard's `DesiredUser`, so the listing and the full render become garbage.
 * @example shard 1 of 2, a created group with members 1 (shard 0) and 2 → groups: none; adopted: only 2's
 */
export function shardDirectory(directory: DesiredDirectory, shard: Shard | undefined): ShardDirectory {
  const mine = shard?.has ?? ((): boolean => true);
  const ownsCreated = (shard?.index ?? 0) === 0;
  const skippedRecords = directory.skippedRecords.filter((r) => mine(String(r.employeeId)));
  const { result, managersPending } =
    shard === undefined ? { result: directory.result, managersPending: 0 } : ofShard(directory.result, shard);
  const groups = ownGroups(directory.groups, mine, ownsCreated);
  const wanted = new Set<string>();
  for (const group of groups) if (group.kind === "created") for (const id of group.members) wanted.add(id);
  const adopted = new Map<string, string>();
  for (const user of directory.result.users) {
    if (user.adoptedObjectId === undefined) continue;
    if (mine(user.employeeId) || wanted.has(user.employeeId))
      adopted.set(user.employeeId, user.adoptedObjectId);
  }
  let employees = skippedRecords.length;
  for (const employee of directory.employees) if (mine(String(employee.id))) employees++;
  return {
    result,
    employees,
    skippedRecords,
    managersPending,
    groups,
    groupWarnings: ownsCreated ? directory.groups.warnings : [],
    adopted,
  };
}

function ofShard(result: RenderResult, shard: Shard): { result: RenderResult; managersPending: number } {
  const { users, managersPending } = shardUsers(result.users, shard);
  return { result: shardResult(result, users, shard), managersPending };
}

function ownGroups(
  plan: GroupPlan,
  mine: (employeeId: string) => boolean,
  ownsCreated: boolean,
): PlannedGroup[] {
  const groups: PlannedGroup[] = [];
  for (const group of plan.groups) {
    if (group.kind === "created") {
      if (ownsCreated) groups.push(group);
    } else groups.push({ ...group, members: group.members.filter(mine) });
  }
  return groups;
}
