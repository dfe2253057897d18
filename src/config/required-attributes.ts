import type { GroupRule } from "./groups";
import type { ScopeConfig } from "./scope";
import type { RenderConfig } from "./types";

/** What rendering always reads: identity, the required names and e-mail, state and collision order. */
const ALWAYS = ["first_name", "last_name", "email", "status", "termination_date", "created_at"] as const;

type AttributeConfig = RenderConfig & {
  readonly groups?: readonly GroupRule[];
  readonly writeBack?: { readonly attribute: string } | undefined;
  readonly graph?: { readonly temporaryAccessPass?: unknown };
  readonly scope?: ScopeConfig;
};

/**
 * The attributes the stack's own config names — login schema, attribute mapping, group rules, write-back, scope — with
 * the stack key that names each, in config order. An attribute in several places is listed once, at its first.
 * @example configuredAttributes({ loginSchema: first_name…, attributeMapping: { jobTitle: "position" } })
 *   → [["first_name", "personio-azuread:loginSchema.beginning.attribute"],
 *      ["position", "personio-azuread:attributeMapping.jobTitle"]]
 */
export function configuredAttributes(config: AttributeConfig): [key: string, where: string][] {
  const found = new Map<string, string>();
  const add = (key: string, where: string): void => {
    if (key !== "id" && !found.has(key)) found.set(key, `personio-azuread:${where}`);
  };
  add(config.loginSchema.beginning.attribute, "loginSchema.beginning.attribute");
  if (config.loginSchema.end !== null) add(config.loginSchema.end.attribute, "loginSchema.end.attribute");
  for (const [input, key] of Object.entries(config.attributeMapping)) add(key, `attributeMapping.${input}`);
  (config.groups ?? []).forEach((rule, index) => add(rule.attribute, `groups.${index}.attribute`));
  if (config.writeBack !== undefined) add(config.writeBack.attribute, "writeBack.attribute");
  for (const side of ["include", "exclude"] as const) {
    for (const key of Object.keys(config.scope?.[side] ?? {})) add(key, `scope.${side}.${key}`);
  }
  return [...found];
}

/**
 * The Personio attributes a run needs (`attributes[]`): nothing more is fetched, as data minimisation asks.
 * The id always comes back and is not listed; `hire_date` is read when the joiners config uses it, and with
 * the supervisor when hires get a Temporary Access Pass (its window and its recipient).
 */
export function requiredAttributes(config: AttributeConfig): string[] {
  const keys = new Set<string>(ALWAYS);
  for (const [key] of configuredAttributes(config)) keys.add(key);
  const joiners = config.joiners;
  if (joiners !== undefined && (joiners.createDaysBeforeHire !== null || joiners.enableFrom === "hireDate")) {
    keys.add("hire_date");
  }
  if (config.graph?.temporaryAccessPass !== undefined) {
    keys.add("hire_date");
    keys.add("supervisor");
  }
  keys.delete("id");
  return [...keys].sort();
}
