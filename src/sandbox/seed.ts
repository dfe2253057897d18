import { CORE_KEYS, DYNAMIC_KEY, RELATION_TYPES, relationId, STANDARD_ATTRIBUTES } from "./attributes";
import { isCalendarDate, isRelativeDate, resolveRelativeDate, toPersonioDate } from "./dates";
import type { CompanySeed, QuirkName, SeedEmployee } from "./seed-schema";
import type { PersonioAttribute, PersonioEmployeeItem } from "./types";

type MutableAttribute = { label: string; value: unknown; type?: string; universal_id?: string | null };
type CostCenterSeed = NonNullable<SeedEmployee["cost_centers"]>[number];

/** A compact seed that cannot be expanded (a dangling supervisor, a quirk on the wrong attribute, …). */
export class SeedError extends Error {}

/**
 * Expands a compact seed into Personio items, as `GET /v1/company/employees` would send them: dates at Berlin
 * midnight with offset, relations as `{type, attributes: {id, name}}` with ids stable per name, supervisors as
 * nested employees, quirks applied. Every employee carries the core attributes plus any attribute another
 * employee of the seed has (null when it has none), because Personio sends every whitelisted attribute.
 * `today` resolves relative dates (`today-1`); a seed that uses them without it fails.
 */
export function expandSeed(seed: CompanySeed, today?: string): PersonioEmployeeItem[] {
  const byId = new Map<number, SeedEmployee>();
  for (const employee of seed.employees) {
    if (byId.has(employee.id)) throw new SeedError(`employee ${employee.id} appears twice`);
    byId.set(employee.id, employee);
  }
  const keys = attributeKeys(seed.employees);
  const customTypes = customAttributeTypes(seed.employees, keys.custom);
  const labels: Readonly<Record<string, string>> = seed.labels ?? {};
  const context: Context = { today, byId, customTypes, labels };
  return seed.employees.map((employee) => {
    const attributes: Record<string, MutableAttribute> = {};
    for (const key of keys.standard) attributes[key] = standardAttribute(key, employee, context);
    for (const key of keys.custom) attributes[key] = customAttribute(key, employee[key], context);
    for (const quirk of employee._quirks ?? []) applyQuirk(employee, attributes, quirk);
    return { type: "Employee", attributes: attributes as Record<string, PersonioAttribute> };
  });
}

interface Context {
  readonly today: string | undefined;
  readonly byId: ReadonlyMap<number, SeedEmployee>;
  readonly customTypes: ReadonlyMap<string, string>;
  readonly labels: Readonly<Record<string, string>>;
}

function attributeKeys(employees: readonly SeedEmployee[]): { standard: string[]; custom: string[] } {
  const present = new Set<string>(CORE_KEYS);
  const custom: string[] = [];
  for (const employee of employees) {
    for (const key of Object.keys(employee)) {
      if (DYNAMIC_KEY.test(key) && !present.has(key)) custom.push(key);
      present.add(key);
    }
  }
  return { standard: Object.keys(STANDARD_ATTRIBUTES).filter((key) => present.has(key)), custom };
}

/** A custom attribute's type follows its first non-null value: dates are `date`, numbers `decimal`. */
function customAttributeTypes(
  employees: readonly SeedEmployee[],
  keys: readonly string[],
): Map<string, string> {
  const types = new Map<string, string>();
  for (const key of keys) {
    const sample = employees.map((e) => e[key]).find((v) => v !== null && v !== undefined);
    const isDate = typeof sample === "string" && (isCalendarDate(sample) || isRelativeDate(sample));
    types.set(key, isDate ? "date" : typeof sample === "number" ? "decimal" : "standard");
  }
  return types;
}

function attribute(key: string, value: unknown): MutableAttribute {
  const known = STANDARD_ATTRIBUTES[key];
  return { label: known?.label ?? key, value, type: known?.type ?? "standard", universal_id: key };
}

function standardAttribute(key: string, employee: SeedEmployee, context: Context): MutableAttribute {
  const raw = (employee as Record<string, unknown>)[key];
  if (key === "id") return attribute(key, employee.id);
  if (key === "supervisor") return attribute(key, supervisorValue(employee, context));
  if (key === "cost_centers") return attribute(key, costCenters(employee.cost_centers ?? []));
  const relation = RELATION_TYPES[key];
  if (relation !== undefined) {
    const name = raw as string | null | undefined;
    return attribute(
      key,
      name ? { type: relation, attributes: { id: relationId(relation, name), name } } : null,
    );
  }
  if (STANDARD_ATTRIBUTES[key]?.type === "date" && typeof raw === "string") {
    return attribute(key, personioDate(raw, employee.id, context.today));
  }
  return attribute(key, raw ?? null);
}

function personioDate(value: string, employeeId: number, today: string | undefined): string {
  if (value.includes("T")) return value;
  if (isRelativeDate(value) && today === undefined) {
    throw new SeedError(
      `employee ${employeeId}: relative date "${value}" needs a today date to resolve against`,
    );
  }
  return toPersonioDate(today === undefined ? value : resolveRelativeDate(value, today));
}

function supervisorValue(employee: SeedEmployee, context: Context): unknown {
  if (employee.supervisor === null || employee.supervisor === undefined) return null;
  const boss = context.byId.get(employee.supervisor);
  if (boss === undefined) {
    throw new SeedError(`employee ${employee.id}: supervisor ${employee.supervisor} is not in the seed`);
  }
  return {
    type: "Employee",
    attributes: {
      id: attribute("id", boss.id),
      first_name: attribute("first_name", boss.first_name ?? null),
      last_name: attribute("last_name", boss.last_name ?? null),
      email: attribute("email", boss.email ?? null),
    },
  };
}

/** Cost centers named without a percentage share the employee evenly (two → 50 each). */
function costCenters(seeds: readonly CostCenterSeed[]): unknown[] {
  const even = seeds.length === 0 ? 0 : Math.round((100 / seeds.length) * 100) / 100;
  return seeds.map((entry) => {
    const { name, percentage } = typeof entry === "string" ? { name: entry, percentage: even } : entry;
    return { type: "CostCenter", attributes: { id: relationId("CostCenter", name), name, percentage } };
  });
}

function customAttribute(key: string, raw: unknown, context: Context): MutableAttribute {
  const type = context.customTypes.get(key) ?? "standard";
  let value = raw ?? null;
  if (typeof value === "string" && isRelativeDate(value)) {
    if (context.today === undefined) {
      throw new SeedError(`attribute ${key}: relative date "${value}" needs a today date to resolve against`);
    }
    value = resolveRelativeDate(value, context.today);
  }
  return { label: context.labels[key] ?? key, value, type, universal_id: null };
}

function applyQuirk(
  employee: SeedEmployee,
  attributes: Record<string, MutableAttribute>,
  quirk: string,
): void {
  const [name, key] = quirk.split(":") as [QuirkName, string];
  const target = attributes[key];
  const fail = (why: string): never => {
    throw new SeedError(`employee ${employee.id}: quirk "${quirk}": ${why}`);
  };
  if (target === undefined) return fail(`${key} is not an attribute of this company`);
  switch (name) {
    case "empty_array_relation":
      if (RELATION_TYPES[key] === undefined && key !== "supervisor") fail(`${key} is not a relation`);
      if (target.value !== null) fail(`${key} has a value; the quirk stands for an empty relation`);
      target.value = [];
      return;
    case "compact_offset":
      if (typeof target.value !== "string" || !/[+-]\d{2}:\d{2}$/.test(target.value)) {
        fail(`${key} is not a date with an offset`);
      }
      target.value = (target.value as string).replace(/([+-]\d{2}):(\d{2})$/, "$1$2");
      return;
    case "no_type_on":
      delete target.type;
      return;
    case "no_universal_id_on":
      delete target.universal_id;
      return;
    case "omit":
      if (key === "id") fail("the id cannot be omitted");
      delete attributes[key];
      return;
  }
}
