import { generateCompany } from "./generate";
import type { PersonioAttribute, PersonioEmployeeItem } from "./types";
import type { EmployeeChange } from "./webhook-events";

/** A validated `GET /v1/company/employees` query. */
export interface ListQuery {
  readonly limit: number;
  readonly offset: number;
  readonly email: string | undefined;
  /** The `attributes[]` projection; undefined sends every attribute. */
  readonly attributes: readonly string[] | undefined;
}

/** Personio's attribute definition as `GET /v1/company/employees/attributes` lists it. */
export interface AttributeDefinition {
  readonly key: string;
  readonly label: string;
  readonly type: string;
  readonly universal_id: string | null;
  readonly options: readonly string[];
}

/** Personio's page size when `limit` is not given (its spec says 10; the API answers 50). */
export const DEFAULT_LIMIT = 50;
/** Enforced by Personio since 2025-01-31, although its spec still allows more. */
export const MAX_LIMIT = 100;

interface Entry {
  readonly id: number;
  readonly item: PersonioEmployeeItem;
  /** The item serialised once, on first use: pages are joined from these so big listings stay cheap to serve. */
  json?: string;
}

/** The employees a sandbox serves, in ascending id order. */
export class EmployeeStore {
  private entries: Entry[] = [];
  /** The attribute definitions, computed on first use; replacing or adding employees forgets them. */
  private definitions: AttributeDefinition[] | undefined;
  /** Told every employee that a mutation added, changed or removed; unset, no diff is computed. */
  onChange: ((changes: readonly EmployeeChange[]) => void) | undefined;

  constructor(employees: readonly PersonioEmployeeItem[]) {
    this.replace(employees);
  }

  /** Replaces every employee; throws when one has no positive numeric `attributes.id.value` or ids repeat. */
  replace(employees: readonly PersonioEmployeeItem[]): void {
    const entries = employees
      .map((item, index) => ({ id: idOf(item, index), item }))
      .sort((a, b) => a.id - b.id);
    const repeated = entries.find((entry, i) => i > 0 && entries[i - 1]?.id === entry.id);
    if (repeated !== undefined) {
      throw new Error(`Invalid sandbox employees: id ${repeated.id} appears twice. Allowed: unique ids.`);
    }
    const previous = this.entries;
    this.entries = entries;
    this.definitions = undefined;
    if (this.onChange !== undefined) this.onChange(diff(previous, entries));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The page envelope Personio answers for `query`, as JSON text; `current_page` is `floor(offset / limit)`. */
  page(query: ListQuery): string {
    const wanted = query.email?.toLowerCase();
    const matching =
      wanted === undefined
        ? this.entries
        : this.entries.filter((e) => emailOf(e.item)?.toLowerCase() === wanted);
    const keep = query.attributes === undefined ? undefined : new Set(["id", ...query.attributes]);
    const data = matching
      .slice(query.offset, query.offset + query.limit)
      .map((e) =>
        keep === undefined ? (e.json ??= JSON.stringify(e.item)) : JSON.stringify(project(e.item, keep)),
      );
    const envelope = JSON.stringify({
      success: true,
      metadata: {
        total_elements: matching.length,
        current_page: Math.floor(query.offset / query.limit),
        total_pages: Math.ceil(matching.length / query.limit),
      },
      offset: query.offset,
      limit: query.limit,
    });
    return `${envelope.slice(0, -1)},"data":[${data.join(",")}]}`;
  }

  /** Every attribute key present in the data, first label and type seen; custom keys without a universal id get null. */
  attributeDefinitions(): AttributeDefinition[] {
    this.definitions ??= this.collectDefinitions();
    return [...this.definitions];
  }

  private collectDefinitions(): AttributeDefinition[] {
    const definitions = new Map<string, AttributeDefinition>();
    for (const { item } of this.entries) {
      for (const [key, attribute] of Object.entries(item.attributes)) {
        if (!definitions.has(key)) definitions.set(key, definition(key, attribute));
      }
    }
    return [...definitions.values()];
  }

  /** Whether an employee with this id is served. */
  has(id: number): boolean {
    return this.entries.some((entry) => entry.id === id);
  }

  /** Sets attribute values of one employee at once (one change); every key must be one Personio knows. */
  update(id: number, values: Readonly<Record<string, unknown>>): void {
    const index = this.entries.findIndex((entry) => entry.id === id);
    const entry = this.entries[index];
    const definitions = this.attributeDefinitions();
    if (entry === undefined) throw new Error(`Unknown employee ${id}`);
    const attributes: Record<string, PersonioAttribute> = { ...entry.item.attributes };
    for (const [key, value] of Object.entries(values)) {
      const known = definitions.find((d) => d.key === key);
      if (known === undefined) throw new Error(`Unknown attribute ${key}`);
      const previous = attributes[key];
      attributes[key] = previous
        ? { ...previous, value }
        : { label: known.label, value, type: known.type, universal_id: known.universal_id };
    }
    const item = { ...entry.item, attributes };
    this.entries[index] = { id, item };
    this.onChange?.([{ id, before: entry.item, after: item }]);
  }

  /**
   * Adds `change` employees (copies of the last one with new ids after the highest) or removes the `-change`
   * with the highest ids, so that total_elements changes.
   */
  changeTotal(change: number): void {
    this.definitions = undefined;
    if (change < 0) {
      const kept = Math.max(0, this.entries.length + change);
      const removed = this.entries.slice(kept);
      this.entries = this.entries.slice(0, kept);
      this.onChange?.(removed.map((e) => ({ id: e.id, before: e.item, after: undefined })));
      return;
    }
    const last = this.entries.at(-1);
    const model = last?.item ?? (generateCompany(1)[0] as PersonioEmployeeItem);
    for (let n = 1; n <= change; n++) {
      const id = (last?.id ?? 0) + n;
      const attributes: Record<string, PersonioAttribute> = {
        ...model.attributes,
        id: { ...model.attributes["id"], value: id },
      };
      if (attributes["email"] !== undefined) {
        attributes["email"] = { ...attributes["email"], value: `added.${id}@contoso.com` };
      }
      this.entries.push({ id, item: { ...model, attributes } });
    }
    const added = this.entries.slice(-change);
    this.onChange?.(added.map((e) => ({ id: e.id, before: undefined, after: e.item })));
  }
}

/** The employees added, removed or changed (compared by their attributes' values) between two id-sorted lists. */
function diff(before: readonly Entry[], after: readonly Entry[]): EmployeeChange[] {
  const old = new Map(before.map((e) => [e.id, e.item]));
  const changes: EmployeeChange[] = [];
  for (const { id, item } of after) {
    const previous = old.get(id);
    old.delete(id);
    if (previous === undefined || JSON.stringify(previous) !== JSON.stringify(item)) {
      changes.push({ id, before: previous, after: item });
    }
  }
  for (const [id, item] of old) changes.push({ id, before: item, after: undefined });
  return changes;
}

/** Parses Personio's list query; returns the message of a 400 when a parameter is out of range. */
export function parseListQuery(query: Readonly<Record<string, string | string[]>>): ListQuery | string {
  const limit = wholeNumber(first(query["limit"]), DEFAULT_LIMIT);
  if (limit === undefined || limit < 1 || limit > MAX_LIMIT) {
    return `Invalid value for limit: ${JSON.stringify(first(query["limit"]))}. Allowed: a whole number from 1 to ${MAX_LIMIT}.`;
  }
  const offset = wholeNumber(first(query["offset"]), 0);
  if (offset === undefined) {
    return `Invalid value for offset: ${JSON.stringify(first(query["offset"]))}. Allowed: a whole number, 0 or more.`;
  }
  const attributes = query["attributes[]"];
  return {
    limit,
    offset,
    email: first(query["email"]),
    attributes: attributes === undefined ? undefined : ([] as string[]).concat(attributes),
  };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function wholeNumber(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return /^\d{1,9}$/.test(value.trim()) ? Number(value) : undefined;
}

function project(item: PersonioEmployeeItem, keep: ReadonlySet<string>): PersonioEmployeeItem {
  const attributes: Record<string, PersonioAttribute> = {};
  for (const [key, attribute] of Object.entries(item.attributes)) {
    if (keep.has(key)) attributes[key] = attribute;
  }
  return { ...item, attributes };
}

function definition(key: string, attribute: PersonioAttribute): AttributeDefinition {
  return {
    key,
    label: attribute.label ?? key,
    type: attribute.type ?? "standard",
    universal_id: typeof attribute.universal_id === "string" ? attribute.universal_id : null,
    options: [],
  };
}

function emailOf(item: PersonioEmployeeItem): string | undefined {
  const value = item.attributes["email"]?.value;
  return typeof value === "string" ? value : undefined;
}

function idOf(item: PersonioEmployeeItem, index: number): number {
  const raw = item.attributes?.["id"]?.value;
  const id = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) {
    throw new Error(
      `Invalid sandbox employee at index ${index}: attributes.id.value must be a positive whole number.`,
    );
  }
  return id;
}
