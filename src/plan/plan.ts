import type { GraphActionCounts } from "../graph/requests";
import type { GroupPlan } from "../groups";
import type { OutOfScope } from "../pipeline";
import type { CalendarDate } from "../personio/dates";
import type { DesiredUser, RenderResult, RenderWarning, SkippedEmployee } from "../render";
import { type NextEvent, nextDays, nextEvents, type PlanDay } from "../render/next-events";

/** Counts of a plan; `employees` is everything Personio listed. */
export interface PlanSummary {
  readonly employees: number;
  readonly users: number;
  readonly enabled: number;
  readonly disabled: number;
  readonly adopted: number;
  readonly skipped: number;
  readonly warnings: number;
  /** With group rules: the groups they fill and the memberships of enabled users in them. */
  readonly groups?: number;
  readonly memberships?: number;
  /** With `writeBack` configured: Personio attribute values that would change (rendered UPN ≠ current value). */
  readonly writeBacks?: number;
  /** With a `scope`: employees it leaves out, and of them those with an account (left as it is). */
  readonly outOfScope?: number;
  readonly outOfScopeManaged?: number;
}

/**
 * An employee `personio-azuread:scope` leaves out: why, and whether the tenant export holds an account carrying
 * their employee id (`managed`: left as it is, released only with `--allow-scope-release`).
 */
export type PlanOutOfScope = OutOfScope & { readonly managed: boolean };

/** With `writeBack` configured: the attribute and how many of its values write-back would change. */
export interface PlanWriteBack {
  readonly attribute: string;
  readonly changes: number;
}

/**
 * A user of the plan; with group rules, `groups` lists the user's groups (none for a disabled user); with
 * `shards` > 1, `shard` is the shard whose stack declares the account.
 */
export type PlanUser = DesiredUser & { readonly groups?: readonly string[]; readonly shard?: number };

/** One shard of a sharded stack: its users, enabled and disabled, and its users' group memberships. */
export interface PlanShard {
  readonly shard: number;
  readonly users: number;
  readonly enabled: number;
  readonly disabled: number;
  readonly memberships: number;
}

/** A group of the plan: created by the stack or existing, the Personio conditions and the member count. */
export interface PlanGroup {
  /** The display name; an existing group referenced by object id shows its object id. */
  readonly name: string;
  readonly kind: "created" | "existing";
  readonly sources: readonly string[];
  readonly members: number;
}

/** The offline plan as `--json` writes it (PRODUCT.md "Offline plan"), plus adoption and warning counts. */
export interface Plan {
  readonly today: CalendarDate;
  readonly timezone: string;
  readonly users: readonly PlanUser[];
  readonly skipped: readonly SkippedEmployee[];
  readonly warnings: readonly RenderWarning[];
  /** With group rules only. */
  readonly groups?: readonly PlanGroup[];
  /** With group rules only, when some value gives no group or values merge. */
  readonly groupWarnings?: readonly string[];
  /** With `writeBack` configured only. */
  readonly writeBack?: PlanWriteBack;
  /**
   * With Graph actions configured and a tenant export that has their fields: what the Graph step would do after
   * `up` (`accessPasses` is a ceiling: a candidate's existing passes are unknown offline).
   */
  readonly graph?: GraphActionCounts;
  /** With a `scope` only: the employees it leaves out, by numeric id (see `withScope`). */
  readonly outOfScope?: readonly PlanOutOfScope[];
  /** With `shards` > 1 only: a row per shard (see `withShards`). */
  readonly shards?: readonly PlanShard[];
  /** The next lifecycle event (create, enable, disable) of every employee that has one, by employee id. */
  readonly nextEvents: readonly NextEvent[];
  /** What the next 14 midnights bring: only days with a change. */
  readonly nextDays: readonly PlanDay[];
  readonly summary: PlanSummary;
}

/**
 * Assembles the plan from a render result and, when the stack has group rules (only then), the group plan, and
 * with write-back configured its count, with Graph actions counted their counts; pure.
 */
export function buildPlan(
  result: RenderResult,
  employees: number,
  today: CalendarDate,
  timezone: string,
  groups?: GroupPlan,
  writeBack?: PlanWriteBack,
  graph?: GraphActionCounts,
): Plan {
  const enabled = result.users.filter((u) => u.accountEnabled).length;
  const withGroups = groups !== undefined;
  return {
    today,
    timezone,
    users: withGroups
      ? result.users.map((user) => ({ ...user, groups: groups.byUser.get(user.employeeId) ?? [] }))
      : result.users,
    skipped: result.skipped,
    warnings: result.warnings,
    ...(withGroups ? groupSections(groups) : {}),
    ...(writeBack === undefined ? {} : { writeBack }),
    ...(graph === undefined ? {} : { graph }),
    nextEvents: nextEvents(result.events),
    nextDays: nextDays(result.events, today),
    summary: {
      employees,
      users: result.users.length,
      enabled,
      disabled: result.users.length - enabled,
      adopted: result.users.filter((u) => u.adoptedObjectId !== undefined).length,
      skipped: result.skipped.length,
      warnings: result.warnings.length,
      ...(withGroups
        ? {
            groups: groups.groups.length,
            memberships: groups.groups.reduce((sum, group) => sum + group.members.length, 0),
          }
        : {}),
      ...(writeBack === undefined ? {} : { writeBacks: writeBack.changes }),
    },
  };
}

function groupSections(plan: GroupPlan): Pick<Plan, "groups" | "groupWarnings"> {
  return {
    groups: plan.groups.map((group) => ({
      name: group.label,
      kind: group.kind,
      sources: group.sources,
      members: group.members.length,
    })),
    ...(plan.warnings.length === 0 ? {} : { groupWarnings: plan.warnings }),
  };
}
