import { isExtensionAttribute } from "../entra/extension-attributes";
import type { MappedValue, MappingEntry } from "./attribute-mapping";
import type { DesiredExtensionAttributes } from "./types";

/**
 * Moves the mapped extension attributes out of the `azuread.User` inputs: every mapped one is kept, null when
 * the employee has no value, so the Graph step clears it; none mapped → undefined, and the user has no field.
 * @example entries extensionAttribute3 and jobTitle, mapped { jobTitle: "Engineer" }
 *          → { inputs: { jobTitle: "Engineer" }, extensionAttributes: { extensionAttribute3: null } }
 */
export function splitExtensionAttributes(
  entries: readonly MappingEntry[],
  mapped: Readonly<Record<string, MappedValue>>,
): { inputs: Record<string, MappedValue>; extensionAttributes: DesiredExtensionAttributes | undefined } {
  const inputs: Record<string, MappedValue> = { ...mapped };
  const extension: Record<string, string | null> = {};
  for (const { input } of entries.filter((entry) => isExtensionAttribute(entry.input))) {
    const value = inputs[input];
    delete inputs[input];
    extension[input] = typeof value === "string" ? value : null;
  }
  return {
    inputs,
    extensionAttributes: Object.keys(extension).length === 0 ? undefined : extension,
  };
}
