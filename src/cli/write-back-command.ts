import { ConfigError } from "../config";
import { PrincipalNamesOutputError, readPrincipalNames } from "../contract";
import { type PersonioClientOptions, PersonioError } from "../personio";
import { listEmployees, personioClient } from "../pipeline/personio";
import { causeLine } from "../engine/cause-line";
import { lineLogger } from "../util/log";
import type { StackOps, StackTarget } from "../engine/stack-ops";
import { attributeProblem, planWriteBack, type WriteBackChange, writeBack } from "../write-back";
import { reportFailure } from "./failure";
import { type CommandIO, EXIT } from "./io";
import type { CommandSpec } from "./flags";
import { runnerFlags, STACK_CONFIG_FLAG, STACK_FLAGS, stackConfigFile } from "./runner-args";
import { loadStackFile } from "./stack-config";

const SPEC: CommandSpec = {
  usage: "npm run write-back -- --stack <name> [flags]",
  about:
    "Writes the stack's UPNs into the Personio attribute of personio-azuread:writeBack where they differ. Exit 0 done, 1 some values not written or Personio failed, 2 bad flags or config.",
  flags: {
    ...STACK_FLAGS,
    "stack-config": STACK_CONFIG_FLAG,
    "dry-run": { type: "boolean", description: "list what would be written, by employee id; write nothing" },
    "show-values": { type: "boolean", description: "with --dry-run: show the values, old and new" },
  },
  notes: [
    "Environment: PERSONIO_CLIENT_ID, PERSONIO_CLIENT_SECRET (the key needs write access to the attribute).",
  ],
  example: "npm run write-back -- --stack prod --dry-run",
};

export interface WriteBackCommandDeps {
  readonly io: CommandIO;
  readonly openStack: (target: StackTarget) => Promise<StackOps>;
  /** Client settings tests change (retry delays); the rest comes from the stack config. */
  readonly personio?: Partial<PersonioClientOptions>;
}

/**
 * `npm run write-back`: the stack's UPNs (its `principalNames` output) into the Personio attribute of
 * `writeBack.attribute`, where they differ — for the first run and repairs; the runner does the same after each
 * `up`. `--dry-run` lists what would be written (employee ids and counts; the values with `--show-values`).
 * Exit status: 0 done, 1 some values were not written or Personio failed, 2 bad flags or config.
 */
export async function runWriteBackCommand(
  argv: readonly string[],
  deps: WriteBackCommandDeps,
): Promise<number> {
  const { io } = deps;
  try {
    const flags = runnerFlags(argv, SPEC, io);
    if (flags === undefined) return EXIT.ok;
    const { values, target } = flags;
    const file =
      typeof values["stack-config"] === "string"
        ? values["stack-config"]
        : stackConfigFile(target.workDir, target.stackName);
    const config = loadStackFile(file, io.env);
    if (config.writeBack === undefined) {
      throw new ConfigError(
        `Missing personio-azuread:writeBack in ${file}. Allowed: writeBack: { attribute: dynamic_<n> }.`,
      );
    }
    const { attribute } = config.writeBack;
    const stack = await deps.openStack(target);
    const upns = readPrincipalNames(await stack.lastOutputs());
    const client = personioClient(config, deps.personio);
    const { employees } = await listEmployees(config, client);
    const changes = planWriteBack(employees, upns, attribute);
    const listed = employees.filter((e) => upns.has(String(e.id))).length;
    io.stdout(
      `Write-back to ${attribute}: ${upns.size} managed accounts, ${listed} listed in Personio, ` +
        `${changes.length} value${changes.length === 1 ? "" : "s"} to write.`,
    );
    if (values["dry-run"] === true) {
      const problem = attributeProblem(attribute, await client.listAttributes());
      if (problem !== undefined) throw new ConfigError(problem);
      for (const change of changes) io.stdout(describe(change, values["show-values"] === true));
      io.stdout("Dry run: nothing written.");
      return EXIT.ok;
    }
    const result = await writeBack({
      employees,
      upns,
      attribute,
      client,
      log: lineLogger(io.stderr, false, io.now),
    });
    io.stdout(`Written ${result.written} of ${result.planned}.`);
    if (result.stop !== undefined) io.stderr(result.stop.message);
    if (result.failed.length > 0) io.stderr(`Not written for employees: ${result.failed.join(", ")}.`);
    if (result.stop?.kind === "invalid_attribute") return EXIT.usage;
    return result.stop === undefined && result.failed.length === 0 ? EXIT.ok : EXIT.failed;
  } catch (error) {
    return reportFailure(error, io, {
      usage: [ConfigError],
      failed: [PersonioError, PrincipalNamesOutputError],
      otherwise: (cause) => `Write-back failed: ${causeLine(cause)}`,
    });
  }
}

/** One line of the dry run: the employee id, and the values only when asked for. */
function describe(change: WriteBackChange, showValues: boolean): string {
  if (!showValues) return `employee ${change.employeeId}`;
  return `employee ${change.employeeId}: ${change.value} (now: ${change.current ?? "empty"})`;
}
