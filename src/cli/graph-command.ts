import { ConfigError } from "../config";
import {
  countGraphActions,
  executeGraphActions,
  formatGraphCounts,
  type GraphApi,
  GraphCredentialsError,
  graphApiFromEnv,
  GraphPayloadError,
  GraphRequestError,
  graphStatus,
  GraphTransportError,
} from "../graph";
import { type PersonioClientOptions, PersonioError } from "../personio";
import { AttributeAccessError, listEmployees, personioClient } from "../pipeline";
import { calendarDateIn } from "../render";
import { graphConfigured, planGraphActions } from "../runner/graph-plan";
import { withinDisablesGuard } from "../runner/graph-step";
import { causeLine } from "../engine/cause-line";
import { reportFailure } from "./failure";
import { graphActionLine } from "./graph-lines";
import { type CommandIO, EXIT } from "./io";
import type { CommandSpec } from "./flags";
import {
  GUARD_FLAGS,
  guardOptions,
  runnerFlags,
  STACK_CONFIG_FLAG,
  STACK_FLAGS,
  stackConfigFile,
} from "./runner-args";
import { loadStackFile } from "./stack-config";

const SPEC: CommandSpec = {
  usage: "npm run graph -- --stack <name> [flags]",
  about:
    "The Graph actions the runner takes after up (session revokes, Temporary Access Passes, extension attributes), for the first run and repairs. Exit 0 done, 1 an action, Graph or Personio failed, 2 bad flags, config or no Graph credentials.",
  flags: {
    stack: STACK_FLAGS.stack,
    "dry-run": {
      type: "boolean",
      description: "list the actions by employee id and count them; send nothing",
    },
    "stack-config": STACK_CONFIG_FLAG,
    cwd: STACK_FLAGS.cwd,
    "allow-mass-disable": {
      type: "boolean",
      description: "send every revoke, past the disables guard (else at most 5 revokes, or --max-disables)",
    },
    "max-disables": { ...GUARD_FLAGS["max-disables"], default: "5 (no preview to take a share of)" },
  },
  notes: [
    "Credentials: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (else ARM_*) or AZURE_FEDERATED_TOKEN_FILE; GRAPH_ENDPOINT, AZURE_AUTHORITY_HOST.",
  ],
  example: "npm run graph -- --stack prod --dry-run",
};

export interface GraphCommandDeps {
  readonly io: CommandIO;
  /** The Graph client; default {@link graphApiFromEnv} on the command's environment. Tests pass one. */
  readonly graphApi?: (env: CommandIO["env"]) => GraphApi;
  /** Client settings tests change (retry delays); the rest comes from the stack config. */
  readonly personio?: Partial<PersonioClientOptions>;
}

/**
 * `npm run graph`: the Graph actions the runner takes after `up` — session revokes, Temporary Access Passes,
 * extension attributes — planned from one Personio listing and one tenant read, for the first run and repairs.
 * `--dry-run` lists them by employee id (never a value, a recipient or a code). Revokes stay within the disables
 * guard unless `--allow-mass-disable`. Exit status: 0 done, 1 an action failed or Graph or Personio failed, 2 bad
 * flags, config or no Graph credentials.
 */
export async function runGraphCommand(argv: readonly string[], deps: GraphCommandDeps): Promise<number> {
  const { io } = deps;
  try {
    const flags = runnerFlags(argv, SPEC, io);
    if (flags === undefined) return EXIT.ok;
    const { values, target } = flags;
    const guards = guardOptions(values);
    const file =
      typeof values["stack-config"] === "string"
        ? values["stack-config"]
        : stackConfigFile(target.workDir, target.stackName);
    const config = loadStackFile(file, io.env);
    if (!graphConfigured(config)) {
      throw new ConfigError(
        `No Graph action in ${file}. Allowed: personio-azuread:graph { revokeSessions: true, temporaryAccessPass: {...} } or an extensionAttribute1…15 target in attributeMapping.`,
      );
    }
    const api = (deps.graphApi ?? graphApiFromEnv)(io.env);
    const now = io.now();
    const listing = await listEmployees(config, personioClient(config, deps.personio));
    const snapshot = {
      version: 1 as const,
      today: calendarDateIn(now, config.timezone),
      employees: listing.employees,
      skipped: listing.skipped,
    };
    const plan = await planGraphActions({ api, config, snapshot, now, readPassMethods: true });
    const planned = countGraphActions(plan.actions);
    io.stdout(`Graph for stack ${target.stackName}: ${formatGraphCounts(planned)}.`);
    for (const warning of plan.warnings) io.stderr(`Skipped employee ${warning.employeeId}: ${warning.code}`);
    if (values["dry-run"] === true) {
      for (const action of plan.actions) io.stdout(graphActionLine(action));
      for (const failure of plan.failures) io.stderr(failureLine(failure));
      io.stdout("Dry run: nothing sent.");
      return plan.failures.length === 0 ? EXIT.ok : EXIT.failed;
    }
    const { allowed, heldBack } = withinDisablesGuard(plan.actions, undefined, guards);
    const upns = new Map(plan.tenant.map((user) => [user.id, user.userPrincipalName]));
    const result = await executeGraphActions({
      api,
      actions: allowed,
      upnOf: (objectId) => upns.get(objectId),
      sender: config.graph.temporaryAccessPass?.sender,
    });
    const failures = [...plan.failures, ...result.failures];
    for (const failure of failures) io.stderr(failureLine(failure));
    io.stdout(graphStatus({ planned, done: result.done, failures, heldBack, warnings: plan.warnings }));
    if (heldBack > 0) {
      const what = `${heldBack} ${heldBack === 1 ? "revoke" : "revokes"} held back`;
      io.stderr(`${what}: run again with --allow-mass-disable.`);
    }
    return failures.length === 0 ? EXIT.ok : EXIT.failed;
  } catch (error) {
    return reportFailure(error, io, {
      usage: [ConfigError, GraphCredentialsError],
      failed: [
        PersonioError,
        AttributeAccessError,
        GraphRequestError,
        GraphTransportError,
        GraphPayloadError,
      ],
      otherwise: (cause) => `Graph failed: ${causeLine(cause)}`,
    });
  }
}

function failureLine(failure: { employeeId: string; call: string; status: number }): string {
  return `Failed for employee ${failure.employeeId}: ${failure.call} (status ${failure.status})`;
}
