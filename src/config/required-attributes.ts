import type { GroupRule } from "./groups";
import type { RenderConfig } from "./types";

/** What rendering always reads: identity, the required names and e-mail, state and collision order. */
const ALWAYS = ["first_name", "last_name", "email", "status", "termination_date", "created_at"] as const;

/**
 * The Personio attributes a run needs (`attributes[]`): nothing more is fetched, as data minimisation asks.
 * The id always comes back and is not listed; `hire_date` is read when the joiners config uses it, and with
 * the supervisor when hires get a Temporary Access Pass (its window and its recipient).
 */
export function requiredAttributes(
  config: RenderConfig & {
    readonly groups?: readonly GroupRule[];
    readonly writeBack?: { readonly attribute: string } | undefined;
    readonly graph?: { readonly temporaryAccessPass?: unknown };
  },
): string[] {
  const keys = new Set<string>(ALWAYS);
  keys.add(config.loginSchema.beginning.attribute);
  if (config.loginSchema.end !== null) keys.add(config.loginSchema.end.attribute);
  for (const key of Object.values(config.attributeMapping)) keys.add(key);
  for (const rule of config.groups ?? []) keys.add(rule.attribute);
  if (config.writeBack !== undefined) keys.add(config.writeBack.attribute);
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
