import type { AttributeValue } from "../personio/employee";

/*
 * How a configured value matches a Personio attribute: one definition for the group rules and the scope, so that
 * `department: Sales` selects the same employees in both.
 */

/**
 * The values an attribute holds: relations and lists by name, numbers and booleans as text, surrounding spaces
 * trimmed, empty as none.
 * @example attributeValues([" Sales ", ""]) → ["Sales"]; attributeValues(null) → []
 */
export function attributeValues(value: AttributeValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  const all = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
  return all.map((item) => item.trim()).filter((item) => item !== "");
}

/**
 * The form in which two values compare: surrounding spaces and case ignored, as Entra compares names.
 * @example valueKey(" SALES ") === valueKey("sales")
 */
export function valueKey(value: string): string {
  return value.trim().toLowerCase();
}
