import { ConfigError, hasScope } from "../config";
import { PersonioError, type PersonioClientOptions } from "../personio";
import { AttributeAccessError } from "../pipeline/attribute-access";
import { toCalendarDate } from "../personio/dates";
import { desiredDirectory } from "../pipeline";
import { ExistingAccountsError, readTenantExport } from "../plan/existing-accounts";
import { graphConfigured } from "../graph/configured";
import { graphNotCountedLine, offlineGraphCounts } from "../plan/graph-counts";
import { withUnreadableRecords } from "../plan/unreadable-records";
import { formatPlan } from "../plan/format";
import { buildPlan } from "../plan/plan";
import { withScope } from "../plan/scope";
import { withShards } from "../plan/shards";
import { calendarDateIn, type DesiredUser, instantIn } from "../render";
import { planWriteBack } from "../write-back";
import { reportFailure } from "./failure";
import { type CommandSpec, type FlagTable, helpText, parseFlags, usageLine } from "./flags";
import { loadStackFile } from "./stack-config";
import { type CommandIO, CommandError, EXIT } from "./io";
import { outputWidth } from "./output-width";
import { outputTarget, writeOutput } from "./write-file";

/** The flags of `npm run plan`; `npm start` passes its own arguments to the same command. */
export const PLAN_FLAGS = {
  "stack-config": {
    type: "string",
    value: "FILE",
    required: true,
    description: "the stack config file to plan",
    example: "stacks/Pulumi.prod.yaml",
  },
  today: {
    type: "string",
    value: "YYYY-MM-DD",
    default: "today in the stack's time zone",
    description: "the day to plan for (joiners, leavers)",
    example: "2026-10-01",
  },
  json: {
    type: "string",
    value: "FILE",
    default: "none, no file written",
    description: "also write the plan as JSON (mode 0600)",
    example: "plan.json",
  },
  "existing-accounts": {
    type: "string",
    value: "FILE",
    default: "none: an empty tenant",
    description: "a tenant export (npm run export-tenant) to plan adoption, collisions and disables against",
    example: "users.json",
  },
  wide: {
    type: "boolean",
    description:
      "every column and every id, whatever the terminal's width (COLUMNS, else the terminal, else 100)",
  },
} as const satisfies FlagTable;

const SPEC: CommandSpec = {
  usage: "npm run plan -- --stack-config stacks/Pulumi.<stack>.yaml [flags]",
  about:
    "Lists Personio and prints what the directory would look like; no Pulumi engine, no Azure. Exit 0 done, 1 Personio could not be read, 2 bad flags, config or file.",
  flags: PLAN_FLAGS,
  notes: [
    "Environment: PERSONIO_CLIENT_ID, PERSONIO_CLIENT_SECRET, PERSONIO_BASE_URL override the stack file.",
  ],
  example:
    "npm run plan -- --stack-config stacks/Pulumi.prod.yaml --existing-accounts users.json --json plan.json",
};

interface PlanArgs {
  readonly stackConfig: string;
  readonly today: string | undefined;
  readonly json: string | undefined;
  readonly existingAccounts: string | undefined;
  /** Every column and every id, however wide the lines get. */
  readonly wide: boolean;
}

/**
 * `npm run plan`: lists Personio, renders the desired directory and prints it; with `--json` also writes it.
 * Nothing is written unless the whole run succeeded. Returns the exit status: 0 done, 1 Personio could not be
 * read completely, 2 bad flags, config or input file. `spec` is the command's flag table and help: `npm start`
 * passes its own, with its defaults; `personio` adds options to the Personio client (tests shorten its retries).
 */
export async function runPlanCommand(
  argv: readonly string[],
  io: CommandIO,
  spec: CommandSpec = SPEC,
  personio: Partial<PersonioClientOptions> = {},
): Promise<number> {
  try {
    const args = parsePlanArgs(argv, spec);
    if (args === "help") {
      io.stdout(helpText(spec));
      return EXIT.ok;
    }
    const width = args.wide ? undefined : outputWidth(io.env, io.columns);
    const output = args.json === undefined ? undefined : outputTarget("json", args.json);
    const config = loadStackFile(args.stackConfig, io.env);
    const today = args.today ?? calendarDateIn(io.now(), config.timezone);
    const exported =
      args.existingAccounts === undefined ? undefined : readTenantExport(args.existingAccounts);
    const directory = await desiredDirectory({
      config,
      today,
      personio,
      existingAccounts: async () => exported?.accounts ?? [],
    });
    const { employees, skippedRecords } = directory;
    const result = withUnreadableRecords(directory.result, skippedRecords);
    const groups = config.groups.length === 0 ? undefined : directory.groups;
    const writeBack =
      config.writeBack === undefined
        ? undefined
        : {
            attribute: config.writeBack.attribute,
            changes: planWriteBack(employees, renderedNames(result.users), config.writeBack.attribute).length,
          };
    const tenant = graphConfigured(config) ? exported?.tenant : undefined;
    // A plan for another day (--today) counts as at that day's noon: the planners read only its date then.
    const now = args.today === undefined ? io.now() : instantIn(today, "12:00", config.timezone);
    const graph =
      tenant === undefined
        ? undefined
        : offlineGraphCounts({ employees, users: directory.result.users, tenant, config, now });
    const listed = employees.length + skippedRecords.length;
    const plan = withShards(
      withScope(
        buildPlan(result, listed, today, config.timezone, groups, writeBack, graph),
        hasScope(config.scope),
        directory.outOfScope,
        exported?.accounts ?? [],
      ),
      config.shards,
    );
    if (output !== undefined) writeOutput(output, `${JSON.stringify(plan, null, 2)}\n`);
    const notes =
      graphConfigured(config) && graph === undefined ? [graphNotCountedLine(exported !== undefined)] : [];
    io.stdout(formatPlan(plan, Object.keys(config.attributeMapping), { width, notes }));
    if (args.json !== undefined) io.stdout(`Plan written to ${args.json}`);
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, io, {
      usage: [ConfigError, ExistingAccountsError],
      failed: [PersonioError, AttributeAccessError],
      otherwise: (cause) => `Unexpected failure: ${cause instanceof Error ? cause.message : String(cause)}`,
    });
  }
}

function parsePlanArgs(argv: readonly string[], spec: CommandSpec): PlanArgs | "help" {
  const values = parseFlags(argv, spec);
  if (values["help"] === true) return "help";
  const stackConfig = values["stack-config"];
  if (typeof stackConfig !== "string" || stackConfig === "") {
    throw new CommandError(`Missing --stack-config. ${usageLine(spec)}`, EXIT.usage);
  }
  const today = values["today"] as string | undefined;
  if (today !== undefined && toCalendarDate(today) !== today) {
    throw new CommandError(
      `Invalid value for --today: ${JSON.stringify(today)}. Allowed: a date YYYY-MM-DD.`,
      EXIT.usage,
    );
  }
  return {
    stackConfig,
    today,
    json: values["json"] as string | undefined,
    existingAccounts: values["existing-accounts"] as string | undefined,
    wide: values["wide"] === true,
  };
}

/** Employee id → rendered UPN: what write-back would write once `up` has made the accounts. */
function renderedNames(users: readonly DesiredUser[]): ReadonlyMap<string, string> {
  return new Map(users.map((user) => [user.employeeId, user.userPrincipalName]));
}
