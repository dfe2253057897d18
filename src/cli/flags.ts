import { type ParseArgsConfig, parseArgs } from "node:util";
import { CommandError, EXIT } from "./io";

export type Values = Record<string, string | boolean | undefined>;

/** Parses argv strictly; an unknown flag or a missing value is one line plus the usage. */
export function parseFlags(
  argv: readonly string[],
  options: ParseArgsConfig["options"],
  usage: string,
): Values {
  try {
    const { values } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options });
    return values as Values;
  } catch (error) {
    const reason = ((error as Error).message.split("\n")[0] ?? "").replace(/\.?$/, ".");
    throw new CommandError(`${reason} ${usage}`, EXIT.usage);
  }
}
