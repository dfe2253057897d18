import type { LoadedConfig } from "../config";
import { configuredAttributes } from "../config/required-attributes";
import type { Employee } from "../personio";

/**
 * An attribute the stack's config names that Personio sent for no employee at all: the API credentials cannot
 * read it (Personio leaves unreadable attributes out instead of refusing), so mapping it would clear it for all.
 */
export class AttributeAccessError extends Error {
  override readonly name = "AttributeAccessError";
}

/**
 * Throws {@link AttributeAccessError} when an attribute named by the login schema, the attribute mapping, a group
 * rule or write-back is absent from every listed employee. Absent for some employees is normal; an empty listing
 * is not checked (the listing guards judge that).
 * @example a mapping `jobTitle: dynamic_9` and no employee carrying `dynamic_9` → stops, naming `dynamic_9`.
 */
export function checkAttributeAccess(config: LoadedConfig, employees: readonly Employee[]): void {
  if (employees.length === 0) return;
  for (const [key, where] of configuredAttributes(config)) {
    if (employees.some((employee) => key in employee.attributes)) continue;
    throw new AttributeAccessError(
      `Personio attribute ${key} (${where}) is missing from all ${employees.length} employees: the API ` +
        "credentials cannot read it. Allowed: an attribute the credentials may read; add it to their readable " +
        "attributes in Personio (Settings › Integrations › API credentials) or remove it from the stack config.",
    );
  }
}
