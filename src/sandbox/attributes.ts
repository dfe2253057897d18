/** How Personio describes one standard attribute: its English label and its `type`. */
export interface StandardAttribute {
  readonly label: string;
  readonly type: "standard" | "date" | "integer" | "decimal";
}

/** Personio's standard employee attributes with the English labels its API sends. */
export const STANDARD_ATTRIBUTES: Readonly<Record<string, StandardAttribute>> = {
  id: { label: "ID", type: "integer" },
  first_name: { label: "First name", type: "standard" },
  last_name: { label: "Last name", type: "standard" },
  preferred_name: { label: "Name (preferred)", type: "standard" },
  email: { label: "Email", type: "standard" },
  gender: { label: "Gender", type: "standard" },
  status: { label: "Status", type: "standard" },
  position: { label: "Position", type: "standard" },
  supervisor: { label: "Supervisor", type: "standard" },
  employment_type: { label: "Employment type", type: "standard" },
  weekly_working_hours: { label: "Weekly hours", type: "standard" },
  hire_date: { label: "Hire date", type: "date" },
  contract_end_date: { label: "Contract ends", type: "date" },
  termination_date: { label: "Termination date", type: "date" },
  termination_type: { label: "Termination type", type: "standard" },
  termination_reason: { label: "Termination reason", type: "standard" },
  probation_period_end: { label: "Probation period end", type: "date" },
  created_at: { label: "Created at", type: "date" },
  last_modified_at: { label: "Last modified", type: "date" },
  subcompany: { label: "Subcompany", type: "standard" },
  office: { label: "Office", type: "standard" },
  department: { label: "Department", type: "standard" },
  cost_centers: { label: "Cost center", type: "standard" },
  last_working_day: { label: "Last day of work", type: "date" },
  team: { label: "Team", type: "standard" },
};

/** Attributes every expanded employee carries (null when the seed leaves them out), as Personio always sends them. */
export const CORE_KEYS = [
  "id",
  "first_name",
  "last_name",
  "email",
  "status",
  "position",
  "supervisor",
  "hire_date",
  "termination_date",
  "last_working_day",
  "created_at",
  "subcompany",
  "office",
  "department",
  "team",
  "cost_centers",
] as const;

/** Relation attributes and the `type` of the object Personio nests in them. */
export const RELATION_TYPES: Readonly<Record<string, string>> = {
  department: "Department",
  office: "Office",
  team: "Team",
  subcompany: "Subcompany",
};

/** Custom attributes are `dynamic_<n>`. */
export const DYNAMIC_KEY = /^dynamic_\d+$/;

/**
 * A stable id for a named relation, derived from its type and name (FNV-1a), so the same department has the
 * same id in every file and run: `relationId("Department", "Sales")` never changes.
 */
export function relationId(type: string, name: string): number {
  const key = `${type}:${name}`;
  let id = relationIds.get(key);
  if (id === undefined) {
    let hash = 0x811c9dc5;
    for (const char of key) {
      hash ^= char.codePointAt(0) as number;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    id = 100_000 + (hash % 900_000);
    relationIds.set(key, id);
  }
  return id;
}

/** Ids already derived: a company has few departments, offices and teams, asked for once per employee and page. */
const relationIds = new Map<string, number>();
