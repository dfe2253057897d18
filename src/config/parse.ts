import type { z } from "zod";
import { withoutCredentials } from "../personio/endpoint";
import { type StackConfig, StackConfigSchema } from "./schema";

export const NAMESPACE = "personio-azuread";

/** A stack configuration problem; the message is one line naming the key, the value and what is allowed. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Environment variables that override stack config, so secrets need not live in files. */
export interface ConfigEnv {
  readonly PERSONIO_CLIENT_ID?: string;
  readonly PERSONIO_CLIENT_SECRET?: string;
  readonly PERSONIO_BASE_URL?: string;
}

const SECRET_PATHS = new Set(["personioClientSecret"]);

/**
 * Validates the `personio-azuread:*` keys (namespace stripped) after applying the environment overrides.
 * Throws {@link ConfigError} for the first problem, e.g.
 * `Invalid value for personio-azuread:loginSchema.separator: "/". Allowed: ".", "-", "_" or none.`
 */
export function parseStackConfig(raw: Record<string, unknown>, env: ConfigEnv = {}): StackConfig {
  const input = withOverrides(raw, env);
  const parsed = StackConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length === 0 ? "" : ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})`;
  throw new ConfigError(`${describeIssue(first as z.core.$ZodIssue, input)}${more}`);
}

function withOverrides(raw: Record<string, unknown>, env: ConfigEnv): Record<string, unknown> {
  const personio = raw["personio"] ?? {};
  // `personio: "abc"` is reported as it is, not as an empty section missing its clientId.
  if (typeof personio !== "object" || Array.isArray(personio)) return raw;
  const overridden: Record<string, unknown> = { ...raw, personio: { ...personio } };
  const target = overridden["personio"] as Record<string, unknown>;
  if (nonEmpty(env.PERSONIO_CLIENT_ID)) target["clientId"] = env.PERSONIO_CLIENT_ID;
  if (nonEmpty(env.PERSONIO_BASE_URL)) target["baseUrl"] = env.PERSONIO_BASE_URL;
  if (nonEmpty(env.PERSONIO_CLIENT_SECRET)) overridden["personioClientSecret"] = env.PERSONIO_CLIENT_SECRET;
  if (raw["personio"] === undefined && Object.keys(target).length === 0) delete overridden["personio"];
  return overridden;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === "unrecognized_keys") {
    const where = issue.path.length === 0 ? NAMESPACE : keyName(issue.path);
    const keys = issue.keys.map((k) => (issue.path.length === 0 ? `${NAMESPACE}:${k}` : k)).join(", ");
    return `Unknown key${issue.keys.length === 1 ? "" : "s"} in ${where}: ${keys}. Allowed: ${issue.message}.`;
  }
  const params =
    issue.code === "custom"
      ? (issue.params as { value?: string; shown?: string; label?: string } | undefined)
      : undefined;
  const label = params?.label ?? "Invalid value for";
  const shown =
    params?.shown ??
    (params?.value === undefined
      ? show(valueAt(input, issue.path), issue.path)
      : JSON.stringify(params.value));
  return `${label} ${keyName(issue.path)}: ${shown}. Allowed: ${issue.message}.`;
}

function keyName(path: readonly PropertyKey[]): string {
  const [head, ...tail] = path.map(String);
  return `${NAMESPACE}:${[head, ...tail].join(".")}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function show(value: unknown, path: readonly PropertyKey[]): string {
  if (SECRET_PATHS.has(String(path[0]))) return "[secret]";
  if (value === undefined) return "(missing)";
  const text = withoutCredentials(JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== "";
}
