import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { EngineSteps } from "./engine-steps";
import { compareIds, normalise, SECRET, UNKNOWN } from "./engine-values";
import {
  GROUP_MEMBER_TYPE,
  logicalNameOf,
  type ObservedOutputs,
  parseEmployeeLogicalName,
  readStackOutputs,
  STACK_TYPE,
  USER_TYPE,
} from "../contract";
import { type MembershipChange, membershipChanges } from "./memberships";
import { diffedProperties } from "./step-diffs";
import { sumStackOutputs } from "./sum-outputs";

export { SECRET, UNKNOWN };

/** Never shown, not even as "[secret]": a password change must not even be hinted at in a summary. */
const HIDDEN_FIELDS = new Set(["password", "forcePasswordChange"]);
/** The steps of one replacement, whatever the order (create-before-delete or delete-before-replace). */
const REPLACE_STEPS = new Set<OpType>(["replace", "create-replacement", "delete-replaced"]);
/** Operations after which the resource was not in the stack before this run. */
const NEW_TO_STACK = new Set<OpType>(["create", "import"]);

/** One changed input of a user: old → new, secrets as {@link SECRET}, unknowns as {@link UNKNOWN}. */
export interface FieldChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

/** What one run would do to one Azure AD user, collapsed from the engine's steps for its URN. */
export interface UserChange {
  /** From the URN's logical name `employee-<id>` (the whole logical name if it does not follow that form). */
  readonly employeeId: string;
  /** The new UPN, else the old one. */
  readonly userPrincipalName: string;
  /** As the engine says, except that the steps of a replacement collapse into one `replace`. */
  readonly op: OpType;
  /** Changed inputs, sorted by name; never the password or `forcePasswordChange`. */
  readonly fields: readonly FieldChange[];
  /** `accountEnabled` true → false. */
  readonly disables: boolean;
  /** `accountEnabled` false → true. */
  readonly enables: boolean;
  /** An existing account taken over (`import` or `import-replacement`). */
  readonly adoption: boolean;
  /** A delete or replace that leaves the old account in Azure AD (`retainOnDelete`): released, not deleted. */
  readonly retained: boolean;
}

/** A preview's engine events, reduced to what the guards and the pull-request summary need. */
export interface ChangeSet {
  /** Only `azuread:index/user:User` resources, sorted by numeric employee id, unchanged ones included. */
  readonly users: readonly UserChange[];
  /** Users per operation. */
  readonly counts: Readonly<Partial<Record<OpType | "replace", number>>>;
  /** User resources in the stack before this run: every operation but `create` and `import`. */
  readonly managedBefore: number;
  /** The root stack's outputs, when the events carry them, checked against the contract (secrets as {@link SECRET}). */
  readonly stackOutputs: ObservedOutputs | undefined;
  /**
   * Resources other than users and group memberships whose operation is not `same`, in the order the engine
   * reported them.
   */
  readonly otherChanges: readonly { urn: string; type: string; op: OpType }[];
  /** Joins, adoptions and leaves of the groups the stack fills; present only when there are any. */
  readonly memberships?: readonly MembershipChange[];
}

type State = NonNullable<StepEventMetadata["old"]>;

/**
 * Reduces the engine events of a preview (or an update) to a change set. Every step the engine reports for a
 * URN counts, so the three steps of a replacement, or an import followed by an update, become one change.
 * Throws `StackOutputsError` when the stack's outputs do not have the contract's shape.
 */
export function changeSetFromEvents(events: readonly EngineEvent[]): ChangeSet {
  const steps = EngineSteps.of(events);
  let rawOutputs: unknown;
  for (const event of events) {
    const outputs = event.resOutputsEvent?.metadata;
    if (outputs?.type === STACK_TYPE && outputs.new?.outputs !== undefined) {
      rawOutputs = normalise(outputs.new.outputs);
    }
  }

  const stackOutputs = readStackOutputs(rawOutputs);
  const users: UserChange[] = [];
  const otherChanges: { urn: string; type: string; op: OpType }[] = [];
  const resources = [...steps].map(([urn, resourceSteps]) => ({
    urn,
    type: (resourceSteps[0] as StepEventMetadata).type,
    op: collapse(resourceSteps.map((step) => step.op)),
    steps: resourceSteps,
  }));
  for (const { urn, type, op, steps: resourceSteps } of resources) {
    if (type === USER_TYPE) users.push(userChange(urn, op, resourceSteps));
    else if (op !== "same" && type !== GROUP_MEMBER_TYPE) otherChanges.push({ urn, type, op });
  }
  users.sort((a, b) => compareIds(a.employeeId, b.employeeId));

  const counts: Partial<Record<OpType, number>> = {};
  for (const user of users) counts[user.op] = (counts[user.op] ?? 0) + 1;
  const managedBefore = users.filter((user) => !NEW_TO_STACK.has(user.op)).length;
  const memberships = membershipChanges(resources, stackOutputs);
  return {
    users,
    counts,
    managedBefore,
    stackOutputs,
    otherChanges,
    ...(memberships.length === 0 ? {} : { memberships }),
  };
}

/** One operation for all steps of a URN: an adoption or a replacement wins over the update that comes with it. */
function collapse(ops: readonly OpType[]): OpType {
  if (ops.includes("import-replacement")) return "import-replacement";
  if (ops.some((op) => REPLACE_STEPS.has(op))) return "replace";
  if (ops.includes("import")) return "import";
  return ops.find((op) => op !== "same") ?? "same";
}

function userChange(urn: string, op: OpType, steps: readonly StepEventMetadata[]): UserChange {
  const old = steps.find((step) => step.old !== undefined)?.old;
  const next = [...steps].reverse().find((step) => step.new !== undefined)?.new;
  const adoption = op === "import" || op === "import-replacement";
  const fields =
    op === "same" || op === "delete" || next === undefined ? [] : changedFields(steps, old, next, adoption);
  const enabled = fields.find((change) => change.field === "accountEnabled");
  const upn = normalise(next?.inputs?.["userPrincipalName"] ?? old?.inputs?.["userPrincipalName"]);
  return {
    employeeId: employeeIdOf(urn),
    userPrincipalName: typeof upn === "string" ? upn : "",
    op,
    fields,
    disables: enabled?.old === true && enabled.new === false,
    enables: enabled?.old === false && enabled.new === true,
    adoption,
    retained: (op === "delete" || op === "replace") && old?.retainOnDelete === true,
  };
}

/**
 * The inputs that change, named by the engine's `detailedDiff` (else `diffs`), else found by comparing old and
 * new inputs. The old value is the state's output when the engine diffed against state (`inputDiff: false`,
 * e.g. an edit made in the portal), and for an import without old state the account as read from the tenant.
 */
function changedFields(
  steps: readonly StepEventMetadata[],
  old: State | undefined,
  next: State,
  adoption: boolean,
): FieldChange[] {
  const inputDiff = diffedProperties(steps);
  const newInputs = next.inputs ?? {};
  const baseline: Record<string, unknown> =
    old?.inputs ?? (old === undefined && adoption ? next.outputs : {}) ?? {};
  const names =
    inputDiff.size > 0
      ? [...inputDiff.keys()]
      : [...new Set([...Object.keys(newInputs), ...(old === undefined ? [] : Object.keys(baseline))])].filter(
          (name) => !equal(normalise(baseline[name]), normalise(newInputs[name])),
        );
  return names
    .filter((name) => !HIDDEN_FIELDS.has(name) && !name.startsWith("__"))
    .sort()
    .map((field) => {
      const fromState = inputDiff.get(field) === false && old?.outputs !== undefined && field in old.outputs;
      const before = fromState ? old?.outputs[field] : baseline[field];
      return { field, old: normalise(before), new: normalise(newInputs[field]) };
    });
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) =>
    equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** The Personio id in a user's logical name (the whole logical name if it is not an account's). */
function employeeIdOf(urn: string): string {
  const name = logicalNameOf(urn);
  return parseEmployeeLogicalName(name) ?? name;
}

/**
 * The change sets of several stacks (the shards of one stack) as one: users of all, in employee-id order; counts,
 * managed users and membership changes added up; the stack outputs summed by {@link sumStackOutputs} (undefined
 * when any part has none, so that the guards fail closed). The guards judge the sum: a wave spread over shards is
 * one wave.
 * @example sumChangeSets([a, b]).counts.update === (a.counts.update ?? 0) + (b.counts.update ?? 0)
 */
export function sumChangeSets(parts: readonly ChangeSet[]): ChangeSet {
  const users = parts.flatMap((part) => part.users).sort((a, b) => compareIds(a.employeeId, b.employeeId));
  const counts: Partial<Record<OpType, number>> = {};
  for (const part of parts)
    for (const [op, count] of Object.entries(part.counts) as [OpType, number | undefined][])
      counts[op] = (counts[op] ?? 0) + (count ?? 0);
  const memberships = parts.flatMap((part) => part.memberships ?? []);
  const outputs = parts.map((part) => part.stackOutputs);
  return {
    users,
    counts,
    managedBefore: parts.reduce((sum, part) => sum + part.managedBefore, 0),
    stackOutputs: outputs.some((o) => o === undefined)
      ? undefined
      : sumStackOutputs(outputs as ObservedOutputs[]),
    otherChanges: parts.flatMap((part) => part.otherChanges),
    ...(memberships.length === 0 ? {} : { memberships }),
  };
}
