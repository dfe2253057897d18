import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ConfigError } from "../config";
import { MAX_SHARDS } from "../contract";
import { PersonioError } from "../personio";
import { desiredDirectory, type DesiredDirectory } from "../pipeline";
import { AttributeAccessError } from "../pipeline/attribute-access";
import { calendarDateIn } from "../render";
import { moveScript, type ShardMove, shardMoves } from "../plan/shard-moves";
import { reportFailure } from "./failure";
import { type CommandSpec, helpText, parseFlags, usageLine } from "./flags";
import { type CommandIO, CommandError, EXIT } from "./io";
import { STACK_CONFIG_FLAG, STACK_FLAGS, stackConfigFile } from "./runner-args";
import { loadStackFile } from "./stack-config";

const TO_ALLOWED = `a whole number of shards from 1 to ${MAX_SHARDS}`;

const SPEC: CommandSpec = {
  usage: "npm run shards -- --stack <name> --to <N> [flags]",
  about:
    "What changing personio-azuread:shards to --to moves, as the pulumi state move commands that carry each moved account; runs no Pulumi command. Exit 0 done, 1 Personio could not be read, 2 bad flags, config or file.",
  flags: {
    stack: STACK_FLAGS.stack,
    to: {
      type: "string",
      value: "N",
      required: true,
      description: `the new number of shards (${TO_ALLOWED})`,
      example: "4",
    },
    "dry-run": { type: "boolean", description: "print only the moves and their counts, not the script" },
    "existing-groups": {
      type: "string",
      value: "FILE",
      default: "none; required when group rules add members to existing groups",
      description: "the output of pulumi stack output existingGroups --json",
      example: "groups.json",
    },
    "stack-config": STACK_CONFIG_FLAG,
    cwd: STACK_FLAGS.cwd,
  },
  example: "npm run shards -- --stack prod --to 4 --dry-run",
};

interface ShardsArgs {
  readonly stack: string;
  readonly to: number;
  readonly dryRun: boolean;
  readonly existingGroups: string | undefined;
  readonly stackConfig: string;
  readonly cwd: string;
}

/**
 * `npm run shards`: what changing `personio-azuread:shards` from the stack's value to `--to` moves. Lists Personio
 * once with the stack's config, and prints the `pulumi state move` commands (as a script; with `--dry-run` only
 * the moves and their counts) that carry each moved employee's account and memberships to its new stack. It runs
 * no Pulumi command itself. Exit 0 done, 1 Personio could not be read, 2 bad flags, config or file.
 */
export async function runShardsCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  try {
    const args = parseShardsArgs(argv);
    if (args === "help") {
      io.stdout(helpText(SPEC));
      return EXIT.ok;
    }
    const config = loadStackFile(args.stackConfig, io.env);
    const from = config.shards;
    if (from === args.to) {
      io.stdout(`${args.stack} has ${from} shard${from === 1 ? "" : "s"} already: nothing to move.`);
      return EXIT.ok;
    }
    const directory = await desiredDirectory({
      config,
      today: calendarDateIn(io.now(), config.timezone),
      existingAccounts: async () => [],
    });
    const groupIds = args.existingGroups === undefined ? undefined : readExistingGroups(args.existingGroups);
    const moves = shardMoves({
      stack: args.stack,
      project: projectName(args.cwd),
      from,
      to: args.to,
      accounts: accountsWithGroups(directory, groupIds),
      createdGroups: directory.groups.groups.filter((g) => g.kind === "created").map((g) => g.label),
    });
    const employees = moves.reduce((sum, move) => sum + move.employees.length, 0);
    const title = `${args.stack}: ${from} → ${args.to} shards moves ${employees} of ${directory.result.users.length + directory.skippedRecords.length} accounts`;
    if (args.dryRun) {
      io.stdout([title, ...moves.map(moveLine), "Dry run: nothing to run."].join("\n"));
    } else {
      const header = [
        title,
        "Stop the runner first; run every command; then set personio-azuread:shards and run a reconcile cycle.",
      ];
      io.stdout(moveScript(moves, header));
    }
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, io, {
      usage: [ConfigError],
      failed: [PersonioError, AttributeAccessError],
      otherwise: (cause) => `Unexpected failure: ${cause instanceof Error ? cause.message : String(cause)}`,
    });
  }
}

function moveLine(move: ShardMove): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${move.source} → ${move.dest}: ${plural(move.employees.length, "employee")}, ${plural(move.urns.length, "resource")}`;
}

/**
 * Employee id → the object ids of the existing groups the program declares a membership in for them: the group
 * plan's members (enabled users), by object id or by display name through the stack's `existingGroups` output.
 * A record Personio could not read keeps whatever memberships the tenant has: every group is listed for it (a
 * URN the stack does not hold is only a warning of `pulumi state move`).
 */
function accountsWithGroups(
  directory: DesiredDirectory,
  groupIds: ReadonlyMap<string, string> | undefined,
): Map<string, string[]> {
  const accounts = new Map<string, string[]>(directory.result.users.map((user) => [user.employeeId, []]));
  for (const group of directory.groups.groups) {
    if (group.kind !== "existing") continue;
    const objectId = group.objectId ?? groupIds?.get(group.label.toLowerCase());
    if (objectId === undefined) {
      throw new CommandError(
        groupIds === undefined
          ? `Missing --existing-groups: the stack adds members to existing groups (personio-azuread:groups.${group.rule}). Allowed: the file of pulumi stack output existingGroups --json.`
          : `Invalid --existing-groups: no group of personio-azuread:groups.${group.rule} in it. Allowed: the file of pulumi stack output existingGroups --json of this stack.`,
        EXIT.usage,
      );
    }
    for (const member of group.members) accounts.get(member)?.push(objectId);
  }
  const all = [...new Set(groupIds?.values() ?? [])];
  for (const record of directory.skippedRecords) accounts.set(String(record.employeeId), all);
  return accounts;
}

/** `pulumi stack output existingGroups --json`: object id → display name; read as display name (lower case) → id. */
function readExistingGroups(file: string): Map<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CommandError(
      `Cannot read --existing-groups ${file}: ${(error as NodeJS.ErrnoException).code ?? "not JSON"}. Allowed: the file of pulumi stack output existingGroups --json.`,
      EXIT.usage,
    );
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new CommandError(
      `Invalid --existing-groups ${file}: not an object. Allowed: object id → display name, as pulumi stack output existingGroups --json writes it.`,
      EXIT.usage,
    );
  }
  const byName = new Map<string, string>();
  for (const [objectId, name] of Object.entries(raw)) {
    byName.set(String(name).toLowerCase(), objectId.toLowerCase());
    byName.set(objectId.toLowerCase(), objectId.toLowerCase());
  }
  return byName;
}

/** The project's name from its Pulumi.yaml: the middle part of every URN. */
function projectName(cwd: string): string {
  const file = path.join(cwd, "Pulumi.yaml");
  try {
    const name = (parse(readFileSync(file, "utf8")) as { name?: unknown } | null)?.name;
    if (typeof name === "string" && name !== "") return name;
  } catch {
    // reported below, as a missing name
  }
  throw new CommandError(
    `Cannot read the project name from ${file}. Allowed: run in the project (or --cwd DIR).`,
    EXIT.usage,
  );
}

function parseShardsArgs(argv: readonly string[]): ShardsArgs | "help" {
  const values = parseFlags(argv, SPEC);
  if (values["help"] === true) return "help";
  const stack = values["stack"];
  if (typeof stack !== "string" || stack === "")
    throw new CommandError(`Missing --stack. ${usageLine(SPEC)}`, EXIT.usage);
  const to = values["to"];
  if (typeof to !== "string") throw new CommandError(`Missing --to. ${usageLine(SPEC)}`, EXIT.usage);
  const shards = /^\d+$/.test(to) ? Number(to) : NaN;
  if (!(shards >= 1 && shards <= MAX_SHARDS)) {
    throw new CommandError(
      `Invalid value for --to: ${JSON.stringify(to)}. Allowed: ${TO_ALLOWED}.`,
      EXIT.usage,
    );
  }
  const cwd = (values["cwd"] as string | undefined) ?? ".";
  return {
    stack,
    to: shards,
    dryRun: values["dry-run"] === true,
    existingGroups: values["existing-groups"] as string | undefined,
    stackConfig: (values["stack-config"] as string | undefined) ?? stackConfigFile(cwd, stack),
    cwd,
  };
}
