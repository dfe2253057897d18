import type { AttributeDefinition } from "../personio";

/**
 * Attribute types that hold free text: `standard` is how Personio lists a custom text attribute (the spec's
 * example: `dynamic_1` IBAN), `multiline` a long text; list, tags, date and number attributes cannot take a UPN.
 */
export const TEXT_ATTRIBUTE_TYPES: readonly string[] = ["standard", "multiline"];

/**
 * Why `attribute` cannot receive UPNs, as one line naming the key (never a value), or undefined when it is a
 * custom text attribute these credentials can see (`GET /v1/company/employees/attributes`).
 */
export function attributeProblem(
  attribute: string,
  definitions: readonly AttributeDefinition[],
): string | undefined {
  const key = `personio-azuread:writeBack.attribute: ${JSON.stringify(attribute)}`;
  const definition = definitions.find((d) => d.key === attribute);
  if (definition === undefined) {
    const custom = definitions
      .filter((d) => /^dynamic_\d+$/.test(d.key) && TEXT_ATTRIBUTE_TYPES.includes(d.type ?? ""))
      .map((d) => d.key);
    return (
      `Invalid value for ${key} (not among the attributes these Personio credentials can read). ` +
      `Allowed: a custom text attribute the credentials can read and write: ${custom.length === 0 ? "none listed" : custom.join(", ")}.`
    );
  }
  if (!TEXT_ATTRIBUTE_TYPES.includes(definition.type ?? "")) {
    return (
      `Invalid value for ${key} (a ${definition.type ?? "untyped"} attribute). ` +
      `Allowed: a custom text attribute (type ${TEXT_ATTRIBUTE_TYPES.join(" or ")}).`
    );
  }
  return undefined;
}
