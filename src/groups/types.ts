import type { GroupRule } from "../config/groups";
import type { Employee } from "../personio/employee";
import type { DesiredUser } from "../render/types";

/**
 * A group the rules fill. `created`: this stack creates and owns it, and sets its whole member list;
 * `existing`: it is referenced (by display name, or by object id), and each membership is added on its own.
 */
export interface PlannedGroup {
  readonly kind: "created" | "existing";
  /** The display name; for an existing group referenced by object id, the object id. */
  readonly label: string;
  /** Set for an existing group referenced by object id (lower case). */
  readonly objectId?: string;
  /** The first rule naming the group (its index in `personio-azuread:groups`), for messages. */
  readonly rule: number;
  /** The Personio conditions that put users in, e.g. `department = Sales`, sorted. */
  readonly sources: readonly string[];
  /** Employee ids of the enabled users in the group, in numeric order. */
  readonly members: readonly string[];
}

/** Which group each enabled user belongs to; disabled users (leavers) belong to none. */
export interface GroupPlan {
  /** Created groups first, then existing ones, each by label (ignoring case). */
  readonly groups: readonly PlannedGroup[];
  /** Employee id → labels of the user's groups, sorted; every desired user has an entry. */
  readonly byUser: ReadonlyMap<string, readonly string[]>;
  /** Values that give no group (a name Entra would reject) or merge (case variants); no personal data. */
  readonly warnings: readonly string[];
}

/** What group assignment depends on: pure data, no tenant. */
export interface GroupInput {
  readonly rules: readonly GroupRule[];
  /** The rendered users (enabled and disabled). */
  readonly users: readonly DesiredUser[];
  /** Every employee Personio listed, for the attributes the rules read. */
  readonly employees: readonly Employee[];
}
