/**
 * A command's flags as one declarative table, from which both node's `parseArgs` options and the `--help` text
 * are made, so the two cannot drift. A command writes its table once:
 *
 *     const SPEC: CommandSpec = {
 *       usage: "npm run attributes -- --stack-config FILE [flags]",
 *       about: "The Personio attributes the key can read.",
 *       flags: {
 *         "stack-config": { type: "string", value: "FILE", required: true, description: "the stack config file",
 *                           example: "stacks/Pulumi.prod.yaml" },
 *         json: { type: "boolean", description: "print JSON instead of a table" },
 *       },
 *       example: "npm run attributes -- --stack-config stacks/Pulumi.prod.yaml",
 *     };
 *
 * and parses with `parseFlags(argv, SPEC)` (cli/flags), which adds `--help`/`-h` and makes an unknown flag one
 * line naming the flags that exist; `--help` prints {@link helpText}.
 */

interface FlagBase {
  /** What the flag does, lower case, no final period: "the stack config file". */
  readonly description: string;
  /** One letter, as `-h` for `--help`. */
  readonly short?: string;
}

interface StringFlagBase extends FlagBase {
  readonly type: "string";
  /** The value's placeholder in the help: `FILE`, `N`, `HOST:PORT`. */
  readonly value: string;
  /** One value as a user would give it: "stacks/Pulumi.prod.yaml". */
  readonly example: string;
}

/**
 * A flag with a value: its placeholder, an example value, and either its default — what applies without the
 * flag, as a value or in words ("30m", "the current directory") — or `required` (the command cannot run without it).
 */
export type StringFlag = StringFlagBase &
  (
    | { readonly default: string; readonly required?: never }
    | { readonly required: true; readonly default?: never }
  );

/** A switch: off unless given. */
export interface BooleanFlag extends FlagBase {
  readonly type: "boolean";
}

export type FlagSpec = StringFlag | BooleanFlag;
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** Everything `--help` says about a command, and what its flags are. */
export interface CommandSpec {
  /** The usage line without "Usage: ", e.g. "npm run plan -- --stack-config FILE [flags]". */
  readonly usage: string;
  /** What the command does, one or two sentences. */
  readonly about?: string;
  readonly flags: FlagTable;
  /** Lines after the flags: environment variables, credentials, exit statuses. */
  readonly notes?: readonly string[];
  /** One whole command line that works. */
  readonly example: string;
}

/** The flag every command has. */
export const HELP_FLAG: BooleanFlag = {
  type: "boolean",
  short: "h",
  description: "print this text and exit",
};

/** The parseArgs options of a table, `--help` included. */
export type ParseOptions = Record<string, { type: "string" | "boolean"; short?: string }>;

/** The parseArgs options of one table, typed flag by flag, so that parseArgs types the values it returns. */
export type OptionsOf<T extends FlagTable> = { [K in keyof T]: { type: T[K]["type"]; short?: string } } & {
  help: { type: "boolean"; short?: string };
};

/** The table with `--help`, as every command accepts it. */
export function withHelp(flags: FlagTable): FlagTable {
  return { ...flags, help: HELP_FLAG };
}

/** node's `parseArgs` options for a command: its flags and `--help`. */
export function parseArgsOptions<T extends FlagTable>(spec: { readonly flags: T }): OptionsOf<T> {
  const options: ParseOptions = {};
  for (const [name, flag] of Object.entries(withHelp(spec.flags))) {
    options[name] = { type: flag.type, ...(flag.short === undefined ? {} : { short: flag.short }) };
  }
  return options as OptionsOf<T>;
}

/**
 * The `--help` text: the usage line, what the command does, one line per flag with its default and an example,
 * the notes and an example command.
 * @example "  --today YYYY-MM-DD   the day to plan for; default: today; e.g. --today 2026-10-01"
 */
export function helpText(spec: CommandSpec): string {
  const flags = Object.entries(withHelp(spec.flags));
  const heads = flags.map(([name, flag]) => head(name, flag));
  const width = Math.max(...heads.map((text) => text.length)) + 2;
  const lines = flags.map(
    ([name, flag], index) => `  ${(heads[index] ?? "").padEnd(width)}${tail(name, flag)}`,
  );
  return [
    `Usage: ${spec.usage}`,
    ...(spec.about === undefined ? [] : [spec.about]),
    "Flags:",
    ...lines,
    ...(spec.notes ?? []),
    `Example: ${spec.example}`,
  ].join("\n");
}

/** The flags of a set of parseArgs options as the unknown-flag line lists them: `--a, --b, --help`. */
export function flagList(options: ParseOptions): string {
  return Object.keys(options)
    .map((name) => `--${name}`)
    .join(", ");
}

/**
 * One line for a `parseArgs` failure: an unknown flag names the flags that exist; anything else (a missing or
 * ambiguous value, a stray argument) is node's first line and the usage.
 * @example parseFailureLine(unknown "--foo", options, "npm run x") → "Unknown flag --foo. Flags: --a, --help (see --help)."
 */
export function parseFailureLine(error: unknown, options: ParseOptions, usage: string): string {
  // Not `instanceof Error`: node's errors come from another realm under some test runners.
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  const text = typeof message === "string" ? message : String(error);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const flag = /'([^']+)'/.exec(text)?.[1] ?? "?";
    return `Unknown flag ${flag}. Flags: ${flagList(options)} (see --help).`;
  }
  const reason = (text.split("\n")[0] ?? "").replace(/\.?$/, ".");
  return `${reason} ${usage.startsWith("Usage: ") ? usage : `Usage: ${usage}`}`;
}

function head(name: string, flag: FlagSpec): string {
  const names = flag.short === undefined ? `--${name}` : `--${name}, -${flag.short}`;
  return flag.type === "string" ? `${names} ${flag.value}` : names;
}

function tail(name: string, flag: FlagSpec): string {
  if (flag.type === "boolean") return `${flag.description}; default: off`;
  const fallback = flag.required === true ? "required, no default" : `default: ${flag.default}`;
  return `${flag.description}; ${fallback}; e.g. --${name} ${flag.example}`;
}
