import { type CalendarDate, toCalendarDate, toInstant } from "./dates";
import type { AttributeValue, CostCenter, Employee } from "./employee";
import { AttributeSchema, EmployeeItemSchema } from "./schemas";

/** A field of one employee item that does not have a shape Personio documents. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    detail: string,
    readonly employeeId?: number,
  ) {
    super(detail);
  }
}

const RELATION_KEYS = new Set(["department", "office", "team", "subcompany"]);
const INSTANT_KEYS = new Set(["created_at", "last_modified_at"]);
const DATE_KEYS = new Set([
  "hire_date",
  "termination_date",
  "last_working_day",
  "contract_end_date",
  "probation_period_end",
]);

type Raw = Record<string, unknown>;

/** Turns one raw employee item into an {@link Employee}; throws {@link FieldError} naming the id and field. */
export function normalizeEmployee(item: unknown): Employee {
  const parsed = EmployeeItemSchema.safeParse(item);
  if (!parsed.success)
    throw new FieldError("attributes", "expected an Employee item with an attributes object");
  const raw = parsed.data.attributes;
  const id = readId(raw["id"]);
  const attributes: Record<string, AttributeValue> = {};
  let costCenters: CostCenter[] = [];
  try {
    for (const [key, entry] of Object.entries(raw)) {
      const attribute = AttributeSchema.safeParse(entry);
      if (!attribute.success) throw new FieldError(key, `expected {label, value}, got ${describe(entry)}`);
      const value = attribute.data.value;
      if (key === "cost_centers") costCenters = readCostCenters(value);
      attributes[key] = normalizeValue(key, attribute.data.type ?? undefined, value, costCenters);
    }
  } catch (error) {
    if (error instanceof FieldError) throw new FieldError(error.field, error.message, id);
    throw error;
  }
  attributes["id"] = id;
  return {
    id,
    firstName: text(attributes["first_name"]),
    lastName: text(attributes["last_name"]),
    email: text(attributes["email"]),
    status: text(attributes["status"]),
    hireDate: text(attributes["hire_date"]) as CalendarDate | null,
    terminationDate: text(attributes["termination_date"]) as CalendarDate | null,
    lastWorkingDay: text(attributes["last_working_day"]) as CalendarDate | null,
    createdAt: text(attributes["created_at"]),
    department: text(attributes["department"]),
    office: text(attributes["office"]),
    team: text(attributes["team"]),
    subcompany: text(attributes["subcompany"]),
    supervisorId: typeof attributes["supervisor"] === "number" ? attributes["supervisor"] : null,
    costCenters,
    attributes,
  };
}

function readId(entry: unknown): number {
  const value = unwrap(entry);
  const id = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) {
    throw new FieldError(
      "id",
      `expected a positive whole number, got ${entry === undefined ? "none" : describeId(value)}`,
    );
  }
  return id;
}

function normalizeValue(
  key: string,
  type: string | undefined,
  value: unknown,
  costCenters: CostCenter[],
): AttributeValue {
  if (key === "id") return null;
  if (isEmpty(value)) return null;
  if (key === "supervisor") return readSupervisor(value);
  if (key === "cost_centers") return costCenters.map((c) => c.name);
  if (RELATION_KEYS.has(key)) return readRelationName(key, value);
  if (INSTANT_KEYS.has(key)) return readDate(key, value, toInstant, "a date-time with offset");
  if (DATE_KEYS.has(key) || type === "date") {
    return readDate(key, value, toCalendarDate, "YYYY-MM-DD or a date-time with offset");
  }
  return readGeneric(key, value);
}

/** Personio writes "nothing" as null, "", [] (older relation data) or omits the value. */
function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

function readDate(
  key: string,
  value: unknown,
  parse: (s: string) => string | undefined,
  allowed: string,
): string {
  const parsed = typeof value === "string" ? parse(value) : undefined;
  if (parsed === undefined) throw new FieldError(key, `expected ${allowed}, got ${describe(value)}`);
  return parsed;
}

function readSupervisor(value: unknown): number {
  try {
    return readId(relationAttributes(value)?.["id"]);
  } catch {
    throw new FieldError("supervisor", `expected an Employee with a numeric id, got ${describe(value)}`);
  }
}

function readRelationName(key: string, value: unknown): string {
  const name = relationName(value);
  if (name === undefined) throw new FieldError(key, `expected {attributes: {name}}, got ${describe(value)}`);
  return name;
}

function readCostCenters(value: unknown): CostCenter[] {
  if (isEmpty(value)) return [];
  if (!Array.isArray(value)) throw new FieldError("cost_centers", `expected a list, got ${describe(value)}`);
  return value.map((entry) => {
    const attrs = relationAttributes(entry);
    const name = relationName(entry);
    if (attrs === undefined || name === undefined) {
      throw new FieldError(
        "cost_centers",
        `expected {attributes: {id, name, percentage}}, got ${describe(entry)}`,
      );
    }
    return {
      id: numberOrNull(unwrap(attrs["id"])),
      name,
      percentage: numberOrNull(unwrap(attrs["percentage"])),
    };
  });
}

function readGeneric(key: string, value: unknown): AttributeValue {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) {
    return value.map((entry) => {
      const name = typeof entry === "string" ? entry : relationName(entry);
      if (name === undefined)
        throw new FieldError(key, `expected a list of names, got ${describe(entry)} in the list`);
      return name;
    });
  }
  const name = relationName(value);
  if (name === undefined) throw new FieldError(key, `unsupported value ${describe(value)}`);
  return name;
}

function relationAttributes(value: unknown): Raw | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const attrs = (value as Raw)["attributes"];
  return typeof attrs === "object" && attrs !== null && !Array.isArray(attrs) ? (attrs as Raw) : undefined;
}

/** Relations carry `attributes: {id, name}`; nested employees carry `{label, value}` pairs instead. */
function relationName(value: unknown): string | undefined {
  const name = unwrap(relationAttributes(value)?.["name"]);
  return typeof name === "string" && name.trim() !== "" ? name.trim() : undefined;
}

function unwrap(value: unknown): unknown {
  return typeof value === "object" && value !== null && "value" in value ? (value as Raw)["value"] : value;
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === "number") return value;
  return typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))
    ? Number(value)
    : null;
}

function text(value: AttributeValue | undefined): string | null {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : null;
}

/** Describes a value's shape without echoing it: payloads carry personal data. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "string") return `a string of ${value.length} characters`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function describeId(value: unknown): string {
  return typeof value === "string" || typeof value === "number"
    ? JSON.stringify(String(value).slice(0, 20))
    : describe(value);
}
