import type { ExistingAccount } from "../config/types";
import type { AttributeValue, Employee } from "../personio/employee";
import type { Warn } from "./warnings";

/** The manager fields of a desired user; empty when there is none to set. */
export interface ManagerReference {
  readonly managerEmployeeId?: string;
  readonly managerObjectId?: string;
}

/** Finds an employee's manager reference, warning when a named manager cannot be referenced. */
export type ManagerResolver = (employee: Employee, warn: Warn) => ManagerReference;

const NONE: ManagerReference = {};

/**
 * A resolver for `managerId` mapped to `key` (normally `supervisor`, whose value is the manager's Personio id).
 * A manager is referenced by Personio id when they are a desired user, or when they are skipped yet matched
 * to an existing account — then with that account's object id too, which the edge cannot otherwise find.
 * @example supervisor 7, employee 7 rendered → { managerEmployeeId: "7" }
 */
export function createManagerResolver(
  key: string | undefined,
  desired: ReadonlySet<number>,
  matches: ReadonlyMap<number, ExistingAccount>,
): ManagerResolver {
  if (key === undefined) return () => NONE;
  return (employee, warn) => {
    const managerId = readEmployeeId(employee.attributes[key]);
    if (managerId === undefined) return NONE;
    if (managerId === null) {
      warn("managerId", "not a Personio employee id; omitted");
      return NONE;
    }
    if (managerId === employee.id) {
      warn("managerId", "the employee is their own manager; omitted");
      return NONE;
    }
    if (desired.has(managerId)) return { managerEmployeeId: String(managerId) };
    const account = matches.get(managerId);
    if (account !== undefined) return { managerEmployeeId: String(managerId), managerObjectId: account.id };
    warn("managerId", "the manager is neither a desired user nor matched to an existing account; omitted");
    return NONE;
  };
}

/** The id in a value: undefined when there is none, null when it is not an id. */
function readEmployeeId(value: AttributeValue | undefined): number | null | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === "string" ? value.trim() : undefined;
  if (text === "") return undefined;
  const id =
    typeof value === "number" ? value : text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
  return id !== null && Number.isSafeInteger(id) && id > 0 ? id : null;
}
