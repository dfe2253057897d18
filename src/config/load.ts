import { ConfigError, type ConfigEnv, NAMESPACE, parseStackConfig } from "./parse";
import type { StackConfig } from "./schema";

/** A validated stack config whose Personio client secret is known. */
export type LoadedConfig = StackConfig & { readonly personioClientSecret: string };

/**
 * How the Pulumi engine hands a stack file's value to the program: a string as it is, anything else as
 * JSON (`true` → `"true"`, `{a: 1}` → `'{"a":1}'`). The offline plan passes its values through this too, so
 * both see exactly what the engine would give.
 */
export function toEngineValue(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

/**
 * Reads a value as the engine handed it over: objects and arrays JSON-decoded, `true`/`false` booleans, every
 * other scalar left a string (a numeric client id stays a string).
 */
export function fromEngineValue(raw: string): unknown {
  const trimmed = raw.trim();
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return raw;
    }
  }
  return raw;
}

/**
 * The one validation path of the plan and the program: the `personio-azuread:*` values (namespace stripped),
 * each read as the engine hands it to the program, then environment overrides, the schema, and the client
 * secret required. `encrypted` lists keys the caller could not decrypt (the plan reading a stack file).
 * Example: a stack file's `followRenames: "true"` is `true` for both, as the engine makes it.
 */
export function loadStackConfig(
  values: Readonly<Record<string, unknown>>,
  env: ConfigEnv,
  encrypted: readonly string[] = [],
): LoadedConfig {
  const asEngine: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) asEngine[key] = fromEngineValue(toEngineValue(value));
  const config = parseStackConfig(asEngine, env);
  const secret = config.personioClientSecret;
  if (secret !== undefined) return { ...config, personioClientSecret: secret };
  const why = encrypted.includes("personioClientSecret")
    ? `${NAMESPACE}:personioClientSecret is encrypted in the stack file and only Pulumi can decrypt it. Allowed: set PERSONIO_CLIENT_SECRET.`
    : `${NAMESPACE}:personioClientSecret is not set. Allowed: pulumi config set --secret personioClientSecret <secret>, or PERSONIO_CLIENT_SECRET.`;
  throw new ConfigError(`Missing Personio client secret: ${why}`);
}
