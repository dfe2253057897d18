import { attributeValues as values, valueKey } from "../config/attribute-values";
import { type GroupRule, isGroupName } from "../config/groups";
import { ConfigError, NAMESPACE } from "../config/parse";
import type { Employee } from "../personio/employee";
import type { GroupInput, GroupPlan, PlannedGroup } from "./types";

type ValueRule = Exclude<GroupRule, { readonly groupPrefix: string }>;

interface Draft {
  readonly kind: PlannedGroup["kind"];
  /** Created and name-referenced groups: the display name; id-referenced: the object id. */
  label: string;
  readonly objectId?: string;
  readonly rule: number;
  readonly sources: Set<string>;
  readonly members: Set<string>;
}

/**
 * Decides which group each user belongs to. Only enabled users are members: a leaver drops out of every group
 * the rules fill, and a user whose attribute changes moves with it. Values compare ignoring case and
 * surrounding spaces, as Entra compares names. A value rule's group exists even when nobody matches (so its
 * last member can leave); a prefix rule makes one group per value any rendered user has, enabled or not.
 * Fails closed when Personio sent a rule's attribute for no employee at all (credentials that may not read it
 * would otherwise empty the groups).
 * @example rule { attribute: "department", groupPrefix: "dept-" }, an enabled user in Sales → "dept-Sales"
 */
export function assignGroups(input: GroupInput): GroupPlan {
  const { rules, users, employees } = input;
  if (rules.length === 0) {
    return { groups: [], byUser: new Map(users.map((user) => [user.employeeId, []])), warnings: [] };
  }
  checkAttributesSent(rules, employees);
  const attributes = new Map(employees.map((employee) => [String(employee.id), employee.attributes]));
  const valuesOf = (employeeId: string, attribute: string): string[] =>
    values(attributes.get(employeeId)?.[attribute]);
  const drafts = new Map<string, Draft>();
  const warnings: string[] = [];

  rules.forEach((rule, index) => {
    if ("groupPrefix" in rule) return;
    draft(drafts, rule, index).sources.add(`${rule.attribute} = ${rule.value}`);
  });
  rules.forEach((rule, index) => {
    if (!("groupPrefix" in rule)) return;
    const variants = new Map<string, Set<string>>();
    for (const user of users) {
      for (const value of valuesOf(user.employeeId, rule.attribute)) {
        const key = valueKey(value);
        variants.set(key, (variants.get(key) ?? new Set()).add(value));
      }
    }
    for (const key of [...variants.keys()].sort()) {
      const spellings = [...(variants.get(key) as Set<string>)].sort();
      const value = spellings[0] as string;
      const name = rule.groupPrefix + value;
      const where = `${NAMESPACE}:groups.${index}`;
      if (!isGroupName(name)) {
        warnings.push(
          `${where}: no group for ${rule.attribute} = ${JSON.stringify(value)}: the name would be longer than ` +
            "256 characters or contain control characters",
        );
        continue;
      }
      if (spellings.length > 1) {
        warnings.push(
          `${where}: ${rule.attribute} values ${spellings.map((s) => JSON.stringify(s)).join(", ")} differ only in case; ` +
            `they share the group ${JSON.stringify(name)}`,
        );
      }
      const group = draft(drafts, { attribute: rule.attribute, value, group: name }, index);
      group.sources.add(`${rule.attribute} = ${value}`);
    }
  });
  checkConflicts(drafts);

  const byUser = new Map<string, string[]>();
  for (const user of users) {
    const labels = new Set<string>();
    if (user.accountEnabled) {
      for (const rule of rules) {
        for (const value of valuesOf(user.employeeId, rule.attribute)) {
          const group = drafts.get(keyOf(rule, value));
          if (group === undefined) continue;
          group.members.add(user.employeeId);
          labels.add(group.label);
        }
      }
    }
    byUser.set(user.employeeId, [...labels].sort(byLabel));
  }

  const groups = [...drafts.values()]
    .sort((a, b) => (a.kind === b.kind ? byLabel(a.label, b.label) : a.kind === "created" ? -1 : 1))
    .map((group): PlannedGroup => ({
      kind: group.kind,
      label: group.label,
      ...(group.objectId === undefined ? {} : { objectId: group.objectId }),
      rule: group.rule,
      sources: [...group.sources].sort(),
      members: [...group.members].sort((a, b) => Number(a) - Number(b)),
    }));
  return { groups, byUser, warnings };
}

/** The group a value rule names (created, or existing by name or id), merged with others naming the same. */
function draft(drafts: Map<string, Draft>, rule: ValueRule, index: number): Draft {
  const key = keyOf(rule, rule.value);
  const known = drafts.get(key);
  if (known !== undefined) {
    // The same created group reached by a value rule and a prefix rule keeps one spelling: the smaller.
    if (known.kind === "created" && "group" in rule && rule.group < known.label) known.label = rule.group;
    return known;
  }
  const made: Draft =
    "existingGroupId" in rule
      ? { kind: "existing", label: rule.existingGroupId, objectId: rule.existingGroupId, ...fresh(index) }
      : "existingGroup" in rule
        ? { kind: "existing", label: rule.existingGroup, ...fresh(index) }
        : { kind: "created", label: rule.group, ...fresh(index) };
  drafts.set(key, made);
  return made;
}

function fresh(rule: number): Pick<Draft, "rule" | "sources" | "members"> {
  return { rule, sources: new Set(), members: new Set() };
}

/** Groups compare as Entra compares display names, ignoring case; a value rule matches its value the same way. */
function keyOf(rule: GroupRule, value: string): string {
  if ("groupPrefix" in rule) return `created:${(rule.groupPrefix + value).toLowerCase()}`;
  if (valueKey(value) !== valueKey(rule.value)) return "";
  if ("group" in rule) return `created:${rule.group.toLowerCase()}`;
  if ("existingGroup" in rule) return `name:${rule.existingGroup.toLowerCase()}`;
  return `id:${rule.existingGroupId}`;
}

/** A prefix rule may make a name another rule gives as an existing group: creating it would duplicate that group. */
function checkConflicts(drafts: ReadonlyMap<string, Draft>): void {
  for (const [key, group] of drafts) {
    if (!key.startsWith("created:")) continue;
    const existing = drafts.get(`name:${key.slice("created:".length)}`);
    if (existing === undefined) continue;
    throw new ConfigError(
      `Invalid value for ${NAMESPACE}:groups.${existing.rule}.existingGroup: ${JSON.stringify(existing.label)}. ` +
        `Allowed: a group this stack does not create (groups.${group.rule} creates ${JSON.stringify(group.label)}).`,
    );
  }
}

/** Personio omits attributes the API credentials may not read: absent from every employee is not "empty". */
function checkAttributesSent(rules: readonly GroupRule[], employees: readonly Employee[]): void {
  if (employees.length === 0) return;
  rules.forEach((rule, index) => {
    if (employees.some((employee) => rule.attribute in employee.attributes)) return;
    throw new ConfigError(
      `Invalid value for ${NAMESPACE}:groups.${index}.attribute: ${JSON.stringify(rule.attribute)}. ` +
        `Allowed: an attribute Personio sends (it sent none for all ${employees.length} employees; ` +
        "the API credentials may not be allowed to read it).",
    );
  });
}

function byLabel(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
