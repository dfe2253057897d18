import { parseArgs } from "node:util";
import {
  type CommandSpec,
  helpText,
  type ParseOptions,
  parseArgsOptions,
  parseFailureLine,
} from "../util/flag-table";
import { type CommandIO, CommandError, EXIT } from "./io";

export type { CommandSpec, FlagTable } from "../util/flag-table";
export { helpText } from "../util/flag-table";

export type Values = Record<string, string | boolean | undefined>;

/**
 * Parses argv strictly against a command's flag table (util/flag-table: one table makes both the options and the
 * `--help` text), `--help`/`-h` included. An unknown flag is one line naming the flags that exist
 * (`Unknown flag --foo. Flags: --a, --b, --help (see --help).`); a missing value is node's line and the usage.
 * The older form `parseFlags(argv, options, usage)` takes parseArgs options and a usage line as they are.
 */
export function parseFlags(argv: readonly string[], spec: CommandSpec): Values;
export function parseFlags(argv: readonly string[], options: ParseOptions, usage: string): Values;
export function parseFlags(
  argv: readonly string[],
  specOrOptions: CommandSpec | ParseOptions,
  usage?: string,
): Values {
  const spec = usage === undefined ? (specOrOptions as CommandSpec) : undefined;
  const options = spec === undefined ? (specOrOptions as ParseOptions) : parseArgsOptions(spec);
  try {
    const { values } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options });
    return values as Values;
  } catch (error) {
    throw new CommandError(
      parseFailureLine(error, options, usage ?? usageLine(spec as CommandSpec)),
      EXIT.usage,
    );
  }
}

/** The one usage line that ends a usage error: `Usage: npm run plan -- --stack-config FILE [flags] (see --help).` */
export function usageLine(spec: CommandSpec): string {
  return `Usage: ${spec.usage} (see --help).`;
}

/** Prints the help and returns true when the flags ask for it (`--help`, `-h`). */
export function printedHelp(values: Values, spec: CommandSpec, io: Pick<CommandIO, "stdout">): boolean {
  if (values["help"] !== true) return false;
  io.stdout(helpText(spec));
  return true;
}

/**
 * The value of a flag the command cannot run without; missing or empty is a usage error naming it and why.
 * @example requiredFlag(values, SPEC, "out", "where to write the export") throws "Missing --out FILE: where …"
 */
export function requiredFlag(values: Values, spec: CommandSpec, flag: string, why: string): string {
  const value = values[flag];
  if (typeof value === "string" && value !== "") return value;
  const table = spec.flags[flag];
  const placeholder = table?.type === "string" ? ` ${table.value}` : "";
  throw new CommandError(`Missing --${flag}${placeholder}: ${why}. ${usageLine(spec)}`, EXIT.usage);
}
