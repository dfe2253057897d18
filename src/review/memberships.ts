import type { OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import {
  GROUP_MEMBER_TYPE,
  GROUP_TYPE,
  logicalNameOf,
  type ObservedOutputs,
  parseEmployeeLogicalName,
  parseMembershipLogicalName,
  USER_TYPE,
} from "../contract";
import { compareIds, normalise, UNKNOWN } from "./engine-values";

/** One member joining, being taken over in, or leaving one group. */
export interface MembershipChange {
  /** The Personio id, when the member is an account of this stack. */
  readonly employeeId: string | undefined;
  /** The member's object id when it is no account of this stack; undefined for a new account (known after apply). */
  readonly memberObjectId: string | undefined;
  /** The group's display name, or its object id when the events do not name it. */
  readonly group: string;
  /** `join`: added; `adopt`: already a member, now managed (import); `leave`: removed. */
  readonly change: "join" | "adopt" | "leave";
}

/** One resource of a preview with its steps collapsed to one operation. */
export interface ResourceSteps {
  readonly urn: string;
  readonly type: string;
  readonly op: OpType;
  readonly steps: readonly StepEventMetadata[];
}

const CHANGE_ORDER: readonly MembershipChange["change"][] = ["join", "adopt", "leave"];

/**
 * The membership changes of a preview: each created, imported or deleted `azuread.GroupMember` (the employee id
 * from its logical name `member-<employeeId>-<groupObjectId>`), and the difference between the `members` a
 * created group has (its state, as last read from the tenant) and the list the stack sets. Object ids map back
 * to employee ids through the users' states in the same events; a new account's id is only known after `up`.
 * Existing groups are named by the stack output `existingGroups`. Sorted by group, change, then member.
 */
export function membershipChanges(
  resources: readonly ResourceSteps[],
  stackOutputs: ObservedOutputs | undefined,
): MembershipChange[] {
  const employeeOf = accountsById(resources);
  const names = groupNames(resources, stackOutputs);
  const member = (objectId: string): Pick<MembershipChange, "employeeId" | "memberObjectId"> =>
    objectId === UNKNOWN
      ? { employeeId: undefined, memberObjectId: undefined }
      : {
          employeeId: employeeOf.get(objectId),
          memberObjectId: employeeOf.has(objectId) ? undefined : objectId,
        };
  const changes: MembershipChange[] = [];
  for (const resource of resources) {
    if (resource.type === GROUP_MEMBER_TYPE) {
      const change = MEMBER_OPS[resource.op];
      if (change === undefined) continue;
      const { inputs } = latest(resource.steps);
      const name = parseMembershipLogicalName(logicalNameOf(resource.urn));
      const groupId = String(inputs["groupObjectId"] ?? name?.groupObjectId ?? "");
      const memberId = String(normalise(inputs["memberObjectId"]) ?? "");
      changes.push({
        ...(name === undefined
          ? member(memberId)
          : { employeeId: name.employeeId, memberObjectId: undefined }),
        group: names.get(groupId) ?? groupId,
        change,
      });
    } else if (resource.type === GROUP_TYPE && resource.op !== "same" && resource.op !== "delete") {
      const old = resource.steps.find((step) => step.old !== undefined)?.old;
      const next = latest(resource.steps);
      const before = ids(old?.outputs?.["members"] ?? old?.inputs?.["members"]);
      const after = ids(next.inputs["members"]);
      if (before === undefined || after === undefined) continue;
      const group = String(next.inputs["displayName"] ?? resource.urn);
      const [had, has] = [new Set(before), new Set(after)];
      for (const id of after) if (!had.has(id)) changes.push({ ...member(id), group, change: "join" });
      for (const id of before) if (!has.has(id)) changes.push({ ...member(id), group, change: "leave" });
    }
  }
  return changes.sort(byGroupChangeMember);
}

const MEMBER_OPS: Partial<Record<OpType, MembershipChange["change"]>> = {
  create: "join",
  replace: "join",
  import: "adopt",
  "import-replacement": "adopt",
  delete: "leave",
};

/** The inputs the stack declares now, or for a delete the last ones it declared. */
function latest(steps: readonly StepEventMetadata[]): { inputs: Record<string, unknown> } {
  const state =
    [...steps].reverse().find((step) => step.new !== undefined)?.new ??
    steps.find((step) => step.old !== undefined)?.old;
  return { inputs: state?.inputs ?? {} };
}

/** A members list as object ids, unknown ones as {@link UNKNOWN}; undefined when the list itself is unknown. */
function ids(value: unknown): string[] | undefined {
  const list = normalise(value);
  if (list === undefined || list === null) return [];
  return Array.isArray(list) ? list.map(String) : undefined;
}

/** Object id → employee id of every account in the events (from state; an import reads it from the tenant). */
function accountsById(resources: readonly ResourceSteps[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const resource of resources) {
    if (resource.type !== USER_TYPE) continue;
    const employeeId = parseEmployeeLogicalName(logicalNameOf(resource.urn));
    if (employeeId === undefined) continue;
    for (const step of resource.steps) {
      for (const state of [step.old, step.new]) {
        const objectId = normalise(state?.outputs?.["objectId"]);
        if (typeof objectId === "string" && objectId !== UNKNOWN && objectId !== "")
          map.set(objectId, employeeId);
      }
    }
  }
  return map;
}

/** Object id → display name: existing groups from the stack output, created groups from their state. */
function groupNames(
  resources: readonly ResourceSteps[],
  stackOutputs: ObservedOutputs | undefined,
): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, name] of Object.entries(stackOutputs?.existingGroups ?? {})) names.set(id, name);
  for (const resource of resources) {
    if (resource.type !== GROUP_TYPE) continue;
    for (const step of resource.steps) {
      const objectId = step.old?.outputs?.["objectId"];
      const name = step.new?.inputs?.["displayName"] ?? step.old?.inputs?.["displayName"];
      if (typeof objectId === "string" && typeof name === "string") names.set(objectId, name);
    }
  }
  return names;
}

function byGroupChangeMember(a: MembershipChange, b: MembershipChange): number {
  const group = codePoints(a.group.toLowerCase(), b.group.toLowerCase()) || codePoints(a.group, b.group);
  if (group !== 0) return group;
  const change = CHANGE_ORDER.indexOf(a.change) - CHANGE_ORDER.indexOf(b.change);
  if (change !== 0) return change;
  if (a.employeeId !== undefined && b.employeeId !== undefined) return compareIds(a.employeeId, b.employeeId);
  if (a.employeeId !== b.employeeId) return a.employeeId === undefined ? 1 : -1;
  return codePoints(a.memberObjectId ?? "\uffff", b.memberObjectId ?? "\uffff");
}

/** Fixed order, not the machine's locale, so that the summary is the same everywhere. */
function codePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
