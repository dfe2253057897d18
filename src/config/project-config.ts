import { fromEngineValue } from "./load";
import { NAMESPACE } from "./parse";

/**
 * The `personio-azuread:*` keys of the running stack, namespace stripped, as the stack file holds them.
 * The engine hands every value over as a string, objects JSON-encoded; scalars stay strings except booleans,
 * so a numeric client id is not turned into a number.
 */
export function projectConfig(all: Readonly<Record<string, string>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(all)) {
    if (!key.startsWith(`${NAMESPACE}:`)) continue;
    values[key.slice(NAMESPACE.length + 1)] = fromEngineValue(raw);
  }
  return values;
}
