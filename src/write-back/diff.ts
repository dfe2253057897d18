import type { Employee } from "../personio";

/** One value to write: the account's UPN into the employee's custom attribute. */
export interface WriteBackChange {
  readonly employeeId: number;
  /** The UPN to write. */
  readonly value: string;
  /** What the attribute holds now; null when empty or not sent. */
  readonly current: string | null;
}

/**
 * The values write-back must write, in employee id order: for every employee of the listing whose account the
 * stack manages (`upns`, employee id → UPN) and whose attribute differs from the UPN. An employee without a
 * managed account gets nothing; an account whose employee is no longer listed gets nothing (Personio would
 * answer 404). Pure.
 * Example: attribute empty, UPN `anna.mueller@contoso.com` → one change; attribute already equal → none.
 */
export function planWriteBack(
  employees: readonly Employee[],
  upns: ReadonlyMap<string, string>,
  attribute: string,
): WriteBackChange[] {
  const changes: WriteBackChange[] = [];
  for (const employee of employees) {
    const value = upns.get(String(employee.id));
    if (value === undefined) continue;
    const current = currentValue(employee.attributes[attribute]);
    if (current !== value) changes.push({ employeeId: employee.id, value, current });
  }
  return changes.sort((a, b) => a.employeeId - b.employeeId);
}

function currentValue(value: Employee["attributes"][string] | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === "string" ? value : String(value);
  return text === "" ? null : text;
}
