import type { Clock } from "../util/clock";
import { runCycle } from "../runner/cycle";
import { lineLogger } from "../runner/log";
import { runLoop } from "../runner/loop";
import { OPS_OPTIONS, OPS_USAGE, opsSettings } from "../ops/flags";
import { startOps } from "../ops/setup";
import type { StackOps, StackTarget } from "../runner/stack-ops";
import { type CommandIO, CommandError, EXIT } from "./io";
import { parseFlags } from "./flags";
import { COMMON_OPTIONS, durationFlag, guardOptions, stackTarget } from "./runner-args";

const USAGE =
  "Usage: npm run reconcile -- --stack <name> [--once] [--interval 30m] [--jitter 60s] [--refresh-every 1d|never] " +
  "[--grace 5m] [--log-format text|json] [--cwd DIR] [--pulumi-root DIR] [--allow-deletes] [--allow-mass-disable] [--allow-mass-leave] " +
  "[--max-disables N] [--allow-empty] [--allow-shrink] [--min-employee-share 0.9] " +
  OPS_USAGE;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...OPS_OPTIONS,
  once: { type: "boolean" },
  interval: { type: "string" },
  jitter: { type: "string" },
  "refresh-every": { type: "string" },
  grace: { type: "string" },
  "log-format": { type: "string" },
} as const;

/** What the reconcile command needs from the process; the script passes the real ones, tests fakes. */
export interface ReconcileDeps {
  readonly io: CommandIO;
  readonly openStack: (target: StackTarget) => Promise<StackOps>;
  /** Monotonic time and timers. */
  readonly clock: Clock;
  /** Epoch ms (compared with the stack's history for refreshes). */
  readonly wallNow: () => number;
  readonly random: () => number;
  /** Aborts on SIGINT/SIGTERM. */
  readonly stop: AbortSignal;
}

/**
 * `npm run reconcile`: preview → guards → up, every 30 minutes, or once with `--once` (exit 0 done, 1 failed,
 * 2 a guard refused). A stop signal lets a running update finish within the grace period; then exit 0.
 */
export async function runReconcileCommand(argv: readonly string[], deps: ReconcileDeps): Promise<number> {
  try {
    const values = parseFlags(argv, OPTIONS, USAGE);
    if (values["help"] === true) {
      deps.io.stdout(USAGE);
      return EXIT.ok;
    }
    const target = stackTarget(values, USAGE);
    const guards = guardOptions(values);
    const format = values["log-format"] ?? "text";
    if (format !== "text" && format !== "json") {
      throw new CommandError(
        `Invalid value for --log-format: ${JSON.stringify(format)}. Allowed: text or json.`,
        EXIT.usage,
      );
    }
    const interval = durationFlag(values, "interval", "30m");
    const jitter = durationFlag(values, "jitter", "60s");
    const refreshEvery = durationFlag(values, "refresh-every", "1d", true);
    const grace = durationFlag(values, "grace", "5m");
    if (jitter >= interval) {
      throw new CommandError(
        `Invalid value for --jitter: ${values["jitter"]}. Allowed: shorter than --interval.`,
        EXIT.usage,
      );
    }
    const opsFlags = opsSettings(values, deps.io.env);
    const log = lineLogger(deps.io.stdout, format === "json");
    const stack = await deps.openStack(target);
    const ops = await startOps(opsFlags, {
      log,
      clock: deps.clock,
      wallNow: deps.wallNow,
      stack: target.stackName,
    });
    log("info", "reconcile.start", {
      stack: target.stackName,
      once: values["once"] === true,
      intervalMs: interval,
    });
    const cycle = ops.observe((signal: AbortSignal) =>
      runCycle(
        ops.instrument(stack),
        { guards, refreshEveryMs: refreshEvery, log, now: () => deps.clock.now(), wallNow: deps.wallNow },
        signal,
      ),
    );
    if (values["once"] === true) {
      const result = await cycle(deps.stop);
      await ops.close();
      return result.status === "failed" ? EXIT.failed : result.status === "refused" ? EXIT.refused : EXIT.ok;
    }
    ops.observer.loopRunning(true);
    await runLoop(
      cycle,
      {
        intervalMs: interval,
        jitterMs: jitter,
        backoffBaseMs: Math.min(60_000, interval),
        graceMs: grace,
        clock: deps.clock,
        random: deps.random,
        log,
      },
      deps.stop,
    );
    await ops.close();
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommandError) {
      deps.io.stderr(error.message);
      return error.exitCode;
    }
    deps.io.stderr(
      `Cannot start the reconcile loop: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
    return EXIT.failed;
  }
}
