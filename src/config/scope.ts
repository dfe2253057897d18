import { z } from "zod";
import { isPersonioKey } from "./personio-keys";

const allowed = (text: string) => ({ error: text });

const KEY_ALLOWED = "a Personio attribute key: a standard key such as department, or dynamic_<n>";
const VALUES_ALLOWED =
  'a list of one or more text values, e.g. [Externals] (quote numbers and true/false: ["2024"])';
const VALUE_ALLOWED = 'a text value, not empty (quote numbers and true/false: "2024")';
export const SCOPE_SHAPE = "{ include: { <attribute>: [values…] }, exclude: { <attribute>: [values…] } }";

const values = z
  .array(
    z
      .string(allowed(VALUE_ALLOWED))
      .transform((value) => value.trim())
      .refine((value) => value !== "", allowed(VALUE_ALLOWED)),
    allowed(VALUES_ALLOWED),
  )
  .min(1, allowed(VALUES_ALLOWED));

const conditions = z
  .record(z.string(), values, allowed("a map of Personio attribute key → " + VALUES_ALLOWED))
  .superRefine((map, ctx) => {
    for (const key of Object.keys(map).filter((k) => !isPersonioKey(k))) {
      ctx.addIssue({
        code: "custom",
        message: KEY_ALLOWED,
        params: { value: key, label: "Invalid attribute in" },
      });
    }
  })
  .default({});

/**
 * `personio-azuread:scope`: which employees this stack manages at all. Within `include`, every attribute must
 * match (AND) and one of its values suffices (OR); an employee without the attribute does not match. Any matching
 * `exclude` attribute excludes, and exclude wins over include. Values compare as group rules do (case and
 * surrounding spaces ignored). Absent or empty: everyone Personio lists.
 * @example { include: { status: [active, onboarding, leave] }, exclude: { department: [Externals] } }
 */
export const ScopeSchema = z
  .strictObject({ include: conditions, exclude: conditions }, allowed(SCOPE_SHAPE))
  .default({ include: {}, exclude: {} });

/** The validated scope: attribute key → the values (trimmed) that match it. */
export type ScopeConfig = Readonly<z.output<typeof ScopeSchema>>;

/** Whether a scope has a condition at all (without one, every listed employee is in scope). */
export function hasScope(scope: ScopeConfig): boolean {
  return Object.keys(scope.include).length + Object.keys(scope.exclude).length > 0;
}
