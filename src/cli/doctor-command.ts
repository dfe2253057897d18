import { ConfigError, loadStackConfig, readStackFile } from "../config";
import { type CheckResult, checkLine, doctorExitStatus, skipped } from "../doctor/check";
import { checkBackend, checkPulumiVersion } from "../doctor/pulumi";
import { checkTimeZone } from "../doctor/timezone";
import type { PersonioClientOptions } from "../personio";
import { graphChecks, type GraphTokenSource } from "./doctor-graph";
import { personioChecks } from "./doctor-personio";
import { runPulumi } from "./doctor-probes";
import { DURATION_FLAGS, durationFlag } from "./duration-flags";
import { reportFailure } from "./failure";
import { type CommandSpec, parseFlags, printedHelp, requiredFlag } from "./flags";
import { type CommandIO, EXIT } from "./io";

const SPEC: CommandSpec = {
  usage: "npm run doctor -- --stack-config FILE [--pulumi-root DIR] [--check-deadline DURATION]",
  about:
    "One line per check, ✓ or ✗ with the fix: Personio, Graph permissions, the Pulumi CLI and backend, the time zone.",
  flags: {
    "stack-config": {
      type: "string",
      value: "FILE",
      required: true,
      description: "the stack file to check",
      example: "stacks/Pulumi.prod.yaml",
    },
    "pulumi-root": {
      type: "string",
      value: "DIR",
      default: "pulumi on PATH",
      description: "a directory holding bin/pulumi",
      example: "~/.pulumi",
    },
    "check-deadline": {
      type: "string",
      value: "DURATION",
      default: DURATION_FLAGS["check-deadline"].fallback,
      description: "the longest wait of each check (at most 5m)",
      example: "1m",
    },
  },
  notes: [
    "Reads PERSONIO_CLIENT_ID, PERSONIO_CLIENT_SECRET, PERSONIO_BASE_URL (over the stack file), AZURE_* (else ARM_*), " +
      "GRAPH_ENDPOINT, AZURE_AUTHORITY_HOST and PULUMI_BACKEND_URL; prints no secret and no employee data.",
    "Exit status: 0 no check failed (warnings allowed), 1 a check failed, 2 bad flags or stack config.",
  ],
  example: "npm run doctor -- --stack-config stacks/Pulumi.prod.yaml",
};

export interface DoctorDeps {
  readonly io: CommandIO;
  /** Personio client settings tests change (retry delays); the rest comes from the stack config. */
  readonly personio?: Partial<PersonioClientOptions>;
  /** How the Graph token is had; default the Graph step's credential. Tests sign in at the emulator. */
  readonly graphToken?: GraphTokenSource;
}

/**
 * `npm run doctor`: one line per check of the set-up — Personio credentials, the attributes they may read, the
 * write-back attribute, the Graph credentials and the permission of each enabled feature, the Pulumi CLI and
 * backend, the time zone — each with its fix, under a deadline each. Checks that need a failed one are skipped.
 * Exit status: 0 no check failed, 1 one failed, 2 bad flags or stack config.
 */
export async function runDoctorCommand(argv: readonly string[], deps: DoctorDeps): Promise<number> {
  const { io } = deps;
  try {
    const values = parseFlags(argv, SPEC);
    if (printedHelp(values, SPEC, io)) return EXIT.ok;
    const file = requiredFlag(values, SPEC, "stack-config", "the stack file to check");
    const deadlineMs = durationFlag(values, "check-deadline");
    const root = typeof values["pulumi-root"] === "string" ? values["pulumi-root"] : undefined;
    const stack = readStackFile(file);
    const config = loadStackConfig(stack.values, io.env, stack.encrypted);
    const [personio, graph, pulumi] = await Promise.all([
      personioChecks(config, file, io.env, deadlineMs, deps.personio),
      graphChecks(config, io.env, deadlineMs, deps.graphToken),
      pulumiChecks(root, io.env, deadlineMs),
    ]);
    const timeZone = checkTimeZone(config.timezone, "timezone" in stack.values, io.now());
    const results = [...personio, ...graph, ...pulumi, timeZone];
    for (const result of results) io.stdout(checkLine(result));
    const failed = results.filter((result) => result.status === "fail").length;
    io.stdout(failed === 0 ? "No check failed." : `${failed} of ${results.length} checks failed.`);
    return doctorExitStatus(results);
  } catch (error) {
    return reportFailure(error, io, {
      usage: [ConfigError],
      otherwise: (cause) => `Doctor failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    });
  }
}

/** The CLI's version, then the backend it is logged in to (skipped without a working CLI). */
async function pulumiChecks(
  root: string | undefined,
  env: CommandIO["env"],
  deadlineMs: number,
): Promise<CheckResult[]> {
  const version = checkPulumiVersion(await runPulumi(root, ["version"], env, deadlineMs));
  if (version.status === "fail") return [version, skipped("Pulumi backend", "the Pulumi CLI failed")];
  const backendUrl = env["PULUMI_BACKEND_URL"];
  const whoami =
    backendUrl !== undefined && backendUrl.trim() !== ""
      ? { ok: true as const, output: "" }
      : await runPulumi(root, ["whoami", "-v"], env, deadlineMs);
  return [version, checkBackend(backendUrl, whoami)];
}
