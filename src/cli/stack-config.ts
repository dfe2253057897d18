import { type LoadedConfig, loadStackConfig, readStackFile } from "../config";
import type { CommandIO } from "./io";

/**
 * A stack file through the program's own validation (`loadStackConfig`), for commands that run without the
 * Pulumi engine; the client secret must come from the environment when the file holds it encrypted.
 */
export function loadStackFile(file: string, env: CommandIO["env"]): LoadedConfig {
  const stack = readStackFile(file);
  return loadStackConfig(stack.values, env, stack.encrypted);
}
