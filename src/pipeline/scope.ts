import { attributeValues, type ScopeConfig, valueKey } from "../config";
import type { Employee } from "../personio";

/**
 * An employee the stack does not manage, and why: `excluded` (the first `exclude` attribute, in config order, with
 * a matching value) or `not_included` (the first `include` attribute without one). Ids and keys only.
 */
export interface OutOfScope {
  readonly employeeId: string;
  readonly reason: "excluded" | "not_included";
  readonly attribute: string;
}

/** Listed employees split by the scope, each side in listing order. */
export interface ScopedEmployees {
  readonly inScope: readonly Employee[];
  readonly outOfScope: readonly OutOfScope[];
}

/**
 * Splits the listed employees by `personio-azuread:scope`. Exclude wins: any `exclude` attribute with a matching
 * value excludes. Otherwise every `include` attribute must have one of its values (one suffices); an employee
 * without the attribute does not match. Values compare as group rules do: case and surrounding spaces ignored.
 * @example include { status: [active] }, exclude { department: [Externals] }:
 *   status " Active ", department "Sales" → in scope; status active, department "externals" → excluded
 */
export function applyScope(scope: ScopeConfig, employees: readonly Employee[]): ScopedEmployees {
  const include = compile(scope.include);
  const exclude = compile(scope.exclude);
  if (include.length === 0 && exclude.length === 0) return { inScope: employees, outOfScope: [] };
  const inScope: Employee[] = [];
  const outOfScope: OutOfScope[] = [];
  for (const employee of employees) {
    const employeeId = String(employee.id);
    const excludedBy = exclude.find((condition) => matches(condition, employee));
    const missing = excludedBy === undefined ? include.find((c) => !matches(c, employee)) : undefined;
    if (excludedBy !== undefined) {
      outOfScope.push({ employeeId, reason: "excluded", attribute: excludedBy.attribute });
    } else if (missing !== undefined) {
      outOfScope.push({ employeeId, reason: "not_included", attribute: missing.attribute });
    } else {
      inScope.push(employee);
    }
  }
  return { inScope, outOfScope };
}

interface Condition {
  readonly attribute: string;
  readonly keys: ReadonlySet<string>;
}

function compile(side: Readonly<Record<string, readonly string[]>>): Condition[] {
  return Object.entries(side).map(([attribute, values]) => ({
    attribute,
    keys: new Set(values.map(valueKey)),
  }));
}

function matches(condition: Condition, employee: Employee): boolean {
  return attributeValues(employee.attributes[condition.attribute]).some((value) =>
    condition.keys.has(valueKey(value)),
  );
}
