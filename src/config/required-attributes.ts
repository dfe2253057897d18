import type { GroupRule } from "./groups";
import type { RenderConfig } from "./types";

/** What rendering always reads: identity, the required names and e-mail, state and collision order. */
const ALWAYS = ["first_name", "last_name", "email", "status", "termination_date", "created_at"] as const;

type AttributeConfig = RenderConfig & {
  readonly groups?: readonly GroupRule[];
  readonly writeBack?: { readonly attribute: string } | undefined;
};

/**
 * The attributes the stack's own config names — login schema, attribute mapping, group rules, write-back — with
 * where each is named, in config order. An attribute in several places is listed once, at its first.
 * @example configuredAttributes({ loginSchema: first_name…, attributeMapping: { jobTitle: "position" } })
 *   → [["first_name", "loginSchema"], ["position", "attributeMapping.jobTitle"]]
 */
export function configuredAttributes(config: AttributeConfig): [key: string, where: string][] {
  const found = new Map<string, string>();
  const add = (key: string, where: string): void => {
    if (key !== "id" && !found.has(key)) found.set(key, where);
  };
  add(config.loginSchema.beginning.attribute, "loginSchema");
  if (config.loginSchema.end !== null) add(config.loginSchema.end.attribute, "loginSchema");
  for (const [input, key] of Object.entries(config.attributeMapping)) add(key, `attributeMapping.${input}`);
  for (const rule of config.groups ?? []) add(rule.attribute, "groups");
  if (config.writeBack !== undefined) add(config.writeBack.attribute, "writeBack");
  return [...found];
}

/**
 * The Personio attributes a run needs (`attributes[]`): nothing more is fetched, as data minimisation asks.
 * The id always comes back and is not listed; `hire_date` is read when the joiners config uses it.
 */
export function requiredAttributes(config: AttributeConfig): string[] {
  const keys = new Set<string>(ALWAYS);
  for (const [key] of configuredAttributes(config)) keys.add(key);
  const joiners = config.joiners;
  if (joiners !== undefined && (joiners.createDaysBeforeHire !== null || joiners.enableFrom === "hireDate")) {
    keys.add("hire_date");
  }
  keys.delete("id");
  return [...keys].sort();
}
