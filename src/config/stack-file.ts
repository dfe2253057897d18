import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ConfigError, NAMESPACE } from "./parse";

/** The project's keys of a stack file, namespace stripped; encrypted values are listed, not decrypted. */
export interface StackFileConfig {
  readonly values: Record<string, unknown>;
  /** Keys whose value is `secure:` (Pulumi-encrypted): only the Pulumi engine can read them. */
  readonly encrypted: readonly string[];
}

/**
 * Reads `stacks/Pulumi.<stack>.yaml` as the Pulumi CLI would, for commands that run without the engine
 * (the offline plan). Keys of other namespaces (`azuread:tenantId`) are ignored.
 */
export function readStackFile(path: string): StackFileConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigError(
      `Cannot read stack config ${path}: ${code}. Allowed: a readable Pulumi.<stack>.yaml file.`,
    );
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0] ?? "invalid YAML";
    throw new ConfigError(`Cannot parse stack config ${path}: ${reason}.`);
  }
  const config =
    typeof document === "object" && document !== null
      ? (document as Record<string, unknown>)["config"]
      : undefined;
  if (typeof config !== "object" || config === null) {
    throw new ConfigError(
      `Invalid stack config ${path}: no config: section. Allowed: a Pulumi stack file with config:.`,
    );
  }
  const values: Record<string, unknown> = {};
  const encrypted: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith(`${NAMESPACE}:`)) continue;
    const name = key.slice(NAMESPACE.length + 1);
    if (isSecure(value)) encrypted.push(name);
    else values[name] = value;
  }
  return { values, encrypted };
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && "secure" in value;
}
