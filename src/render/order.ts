import type { Employee } from "../personio/employee";

/**
 * The employees in the order they claim login names: earliest `createdAt` first, then lowest id; an employee
 * without a (valid) `createdAt` comes after all others. Throws when an id occurs twice: the Personio client
 * rejects such a listing, so it can only be a programming error, and two desired users with one id would
 * collide in Pulumi.
 * @example createdAt 2021 (id 9), 2020 (id 12), null (id 1) → 12, 9, 1
 */
export function inCreationOrder(employees: readonly Employee[]): Employee[] {
  const seen = new Set<number>();
  const keyed = employees.map((employee) => {
    if (seen.has(employee.id)) throw new Error(`Duplicate employee id ${employee.id} in the render input`);
    seen.add(employee.id);
    const epoch = employee.createdAt === null ? Number.NaN : Date.parse(employee.createdAt);
    return { employee, created: Number.isNaN(epoch) ? Number.POSITIVE_INFINITY : epoch };
  });
  keyed.sort((a, b) =>
    a.created === b.created ? a.employee.id - b.employee.id : a.created < b.created ? -1 : 1,
  );
  return keyed.map((entry) => entry.employee);
}

/** Orders employees by id. */
export function byId(a: Employee, b: Employee): number {
  return a.id - b.id;
}

/** Orders anything carrying a numeric-string `employeeId` by that number. */
export function byEmployeeId(a: { readonly employeeId: string }, b: { readonly employeeId: string }): number {
  return Number(a.employeeId) - Number(b.employeeId);
}
