import { ConfigError, parseStackConfig, readStackFile, type StackConfig } from "../config";
import type { CommandIO } from "./io";

/**
 * A stack file plus environment overrides, for commands that run without the Pulumi engine; the client secret
 * must come from the environment when the file holds it encrypted.
 */
export function loadStackConfig(file: string, env: CommandIO["env"]): StackConfig {
  const stack = readStackFile(file);
  const config = parseStackConfig(stack.values, env);
  if (config.personioClientSecret === undefined) {
    const why = stack.encrypted.includes("personioClientSecret")
      ? "personio-azuread:personioClientSecret is encrypted in the stack file and only Pulumi can decrypt it"
      : "personio-azuread:personioClientSecret is not set";
    throw new ConfigError(`Missing Personio client secret: ${why}. Allowed: set PERSONIO_CLIENT_SECRET.`);
  }
  return config;
}
