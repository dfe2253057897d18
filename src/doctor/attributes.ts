import type { LoadedConfig } from "../config";
import { configuredAttributes, requiredAttributes } from "../config/required-attributes";
import type { AttributeDefinition } from "../personio";
import { attributeProblem } from "../write-back";
import { type CheckResult, skipped } from "./check";

/** Where the program reads an attribute the stack file does not name: a stack key, or the program itself. */
function implicitUse(key: string): string {
  if (key === "hire_date") return "personio-azuread:joiners or graph.temporaryAccessPass";
  if (key === "supervisor") return "personio-azuread:graph.temporaryAccessPass";
  return "every run (names, e-mail, status, lifecycle)";
}

/**
 * Every attribute a run reads from Personio, each with the stack key that makes it read — the listing's own
 * `attributes[]` (`requiredAttributes`), so the doctor cannot check fewer than a run reads. A new config key
 * that reads attributes (such as `scope`) is covered once `configuredAttributes` names it.
 * @example a mapping `jobTitle: position` → […, ["position", "personio-azuread:attributeMapping.jobTitle"], …]
 */
export function attributeUses(config: LoadedConfig): [key: string, where: string][] {
  const named = new Map(configuredAttributes(config));
  return requiredAttributes(config).map((key) => [key, named.get(key) ?? implicitUse(key)]);
}

/**
 * Whether these credentials may read every attribute the config uses (`GET /v1/company/employees/attributes`
 * lists what they may read; Personio leaves the others out of employees, so a run would clear them).
 */
export function checkReadableAttributes(
  config: LoadedConfig,
  definitions: readonly AttributeDefinition[],
  file: string,
): CheckResult {
  const name = "Personio attributes";
  const readable = new Set(definitions.map((definition) => definition.key));
  const uses = attributeUses(config);
  const missing = uses.filter(([key]) => !readable.has(key));
  if (missing.length === 0) {
    return {
      name,
      status: "ok",
      detail: `the key may read all ${uses.length} attributes the config uses (${definitions.length} readable).`,
    };
  }
  return {
    name,
    status: "fail",
    detail:
      `the key may not read ${missing.length} of the ${uses.length} attributes the config uses: ` +
      `${missing.map(([key, where]) => `${key} (${where})`).join(", ")}.`,
    fix:
      "add them to the readable attributes of the API credentials in Personio (Settings › Integrations › API " +
      `credentials), or remove them from ${file}; npm run attributes lists what the key may read.`,
  };
}

/**
 * Whether `writeBack.attribute` can receive UPNs: a custom text attribute these credentials can see. Whether
 * they may also write it only the first write shows (Personio lists no write permissions).
 */
export function checkWriteBackType(
  config: LoadedConfig,
  definitions: readonly AttributeDefinition[],
): CheckResult {
  const name = "write-back attribute";
  if (config.writeBack === undefined) return skipped(name, "personio-azuread:writeBack is not set");
  const { attribute } = config.writeBack;
  const problem = attributeProblem(attribute, definitions);
  if (problem !== undefined) {
    return {
      name,
      status: "fail",
      detail: problem,
      fix: "point writeBack.attribute at a custom text attribute the credentials may read and write.",
    };
  }
  const type = definitions.find((definition) => definition.key === attribute)?.type ?? "";
  return { name, status: "ok", detail: `${attribute} is a custom text attribute (type ${type}).` };
}
