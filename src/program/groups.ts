import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import type { PlannedGroup } from "../groups";
import type { TenantGroup } from "./existing-groups";
import type { KeptAccount } from "./kept-user";
import { withoutStackTraces } from "./lean-user";
import { type GroupCounts, GROUPS_TYPE, groupLogicalName, membershipLogicalName } from "../contract";
import { groupDescription, membershipImportId } from "./group-resources";

/** Counts of the groups a run declares (the contract's `groups` output). */
export type { GroupCounts };

/** What the groups component declares. */
export interface GroupsArgs {
  /** The planned groups (`GroupPlan.groups`, or a shard's part of them: see `shardDirectory`). */
  readonly groups: readonly PlannedGroup[];
  /** The existing groups among them, as the tenant holds them (see `readExistingGroups`). */
  readonly tenant: ReadonlyMap<PlannedGroup, TenantGroup>;
  /**
   * Employee id → object id of each adopted account among the members: known before anything is declared, so a
   * membership the tenant already has is imported, and a member of another shard can be listed.
   */
  readonly adopted: ReadonlyMap<string, string>;
  /** Accounts of skipped Personio records: their memberships of existing groups stay as the tenant has them. */
  readonly kept?: readonly KeptAccount[];
  /** The object id of the account the directory declared for an employee (an output for a new account). */
  readonly accountId: (employeeId: string) => pulumi.Input<string>;
  /**
   * In a shard stack: whose memberships this stack declares (`has`), and whether it owns the created groups
   * (shard 0). Default: not sharded, every membership and every created group here.
   */
  readonly shard?: { readonly index: number; readonly has: (employeeId: string) => boolean };
}

/**
 * Group memberships from Personio. A group this stack creates is owned outright: one `azuread.Group` (security
 * group, never deleted) whose `members` list is exactly its enabled members — one resource per group, however
 * many members. An existing group gets one `azuread.GroupMember` per enabled member, so that its other members
 * are never read into the stack, never changed and never removed; a membership the tenant already has is
 * adopted (imported) instead of failing as a duplicate. Leavers and movers drop out in the same run.
 *
 * In a shard stack, shard 0 owns the created groups, members list and all: a member of another shard is listed
 * by the object id of their existing account (from the tenant listing), and one whose account that shard creates
 * this cycle joins on the next (counted in `membersPending`). Each shard declares its own employees' memberships
 * of existing groups.
 */
export class Groups extends pulumi.ComponentResource {
  readonly counts: GroupCounts;
  /** Members of created groups left for the next cycle: their account is new in another shard. */
  readonly membersPending: number;
  /** Object id → display name of the existing groups, for reading previews (the summary names groups). */
  readonly existingNames: Readonly<Record<string, string>>;
  /** Display name → object id of each group this stack creates (in a shard stack: shard 0's). */
  readonly createdIds: ReadonlyMap<string, pulumi.Output<string>>;

  constructor(name: string, args: GroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(GROUPS_TYPE, name, {}, opts);
    const { adopted } = args;
    const mine = args.shard?.has ?? (() => true);
    const memberId = (employeeId: string): pulumi.Input<string> =>
      adopted.get(employeeId) ?? args.accountId(employeeId);
    let membersPending = 0;
    const createdMembers = (members: readonly string[]): pulumi.Input<string>[] => {
      const ids = members.filter((id) => mine(id) || adopted.has(id));
      membersPending += members.length - ids.length;
      return ids.map(memberId);
    };
    const ownsCreated = (args.shard?.index ?? 0) === 0;

    let memberships = 0;
    let created = 0;
    const createdIds = new Map<string, pulumi.Output<string>>();
    const existing = mergeByObjectId(args.groups, args.tenant);
    // No stack capture while declaring, as for users: with 9,875 memberships (bench/groups.bench.ts) the run
    // took 15.9–16.7 s instead of 20.6–21.6 s, at the same peak RSS.
    withoutStackTraces(() => {
      for (const group of args.groups) {
        if (group.kind !== "created" || !ownsCreated) continue;
        created++;
        const members = createdMembers(group.members);
        memberships += members.length;
        const declared = new azuread.Group(
          groupLogicalName(group.label),
          {
            displayName: group.label,
            description: groupDescription(group.sources),
            securityEnabled: true,
            preventDuplicateNames: true,
            members,
          },
          // A group no rule fills any more is released, not deleted: access it grants elsewhere must not vanish.
          { parent: this, retainOnDelete: true },
        );
        createdIds.set(group.label, declared.objectId);
      }
      for (const { tenant, members } of existing.values()) {
        for (const employeeId of members) {
          if (!mine(employeeId)) continue;
          memberships++;
          const known = adopted.get(employeeId);
          const present = known !== undefined && tenant.members.has(known.toLowerCase());
          new azuread.GroupMember(
            membershipLogicalName(employeeId, tenant.objectId),
            { groupObjectId: tenant.objectId, memberObjectId: memberId(employeeId) },
            { parent: this, ...(present ? { import: membershipImportId(tenant.objectId, known) } : {}) },
          );
        }
        for (const account of args.kept ?? []) {
          if (!mine(account.employeeId) || !tenant.members.has(account.objectId.toLowerCase())) continue;
          memberships++;
          new azuread.GroupMember(
            membershipLogicalName(account.employeeId, tenant.objectId),
            { groupObjectId: tenant.objectId, memberObjectId: account.objectId },
            { parent: this, import: membershipImportId(tenant.objectId, account.objectId) },
          );
        }
      }
    });

    this.membersPending = membersPending;
    this.createdIds = createdIds;
    this.counts = { groups: created + existing.size, created, existing: existing.size, memberships };
    this.existingNames = Object.fromEntries(
      [...existing.values()].map(({ tenant }) => [tenant.objectId, tenant.displayName]),
    );
    this.registerOutputs({});
  }
}

/** A group referenced by name and by object id (or by two spellings of its name) is one group: members merge. */
function mergeByObjectId(
  groups: readonly PlannedGroup[],
  tenant: ReadonlyMap<PlannedGroup, TenantGroup>,
): Map<string, { tenant: TenantGroup; members: Set<string> }> {
  const merged = new Map<string, { tenant: TenantGroup; members: Set<string> }>();
  for (const group of groups) {
    const found = tenant.get(group);
    if (group.kind !== "existing" || found === undefined) continue;
    const entry = merged.get(found.objectId) ?? { tenant: found, members: new Set<string>() };
    for (const member of group.members) entry.members.add(member);
    merged.set(found.objectId, entry);
  }
  return merged;
}
