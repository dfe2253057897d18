import type { Clock } from "../util/clock";
import { runCycle } from "../runner/cycle";
import type { CycleOptions } from "../runner/cycle-types";
import { CycleRedactor } from "../util/known-names";
import { lineLogger } from "../util/log";
import { runLoop } from "../runner/loop";
import { opsSettings } from "./ops-flags";
import { startOps } from "../ops/setup";
import { type StackOps, type StackTarget, UnknownStackError } from "../engine/stack-ops";
import { SuccessClock } from "../runner/staleness";
import { personioWriteBack } from "../runner/write-back-step";
import { graphStep } from "../runner/graph-step";
import { senderCheck } from "../runner/sender-check";
import { type GraphApi, graphApiFromEnv } from "../graph";
import type { PersonioClientOptions } from "../personio";
import { takeSnapshot } from "../runner/take-snapshot";
import { removeStaleSnapshots } from "../snapshot";
import { reportFailure } from "./failure";
import { type CommandIO, CommandError, EXIT } from "./io";
import { loopTimezone } from "./loop-timezone";
import { guardOptions, runnerFlags, withScopeRelease } from "./runner-args";
import { durationFlag } from "./duration-flags";
import { onlyFlag } from "./only-flag";
import { openShardStack } from "../engine/shard-stack";
import { runCoordinatorCycle, type ShardedStack } from "../runner/coordinator";
import { shardParallelism, stackShards } from "./shard-count";
import { phaseFlag, runPhase } from "./phase-command";
import { parseFlags } from "./flags";
import { RECONCILE_SPEC as SPEC } from "./reconcile-flags";

/** What the reconcile command needs from the process; the script passes the real ones, tests fakes. */
export interface ReconcileDeps {
  readonly io: CommandIO;
  readonly openStack: (target: StackTarget) => Promise<StackOps>;
  /** Monotonic time and timers. */
  readonly clock: Clock;
  /** Epoch ms (compared with the stack's history for refreshes). */
  readonly wallNow: () => number;
  readonly random: () => number;
  /** Aborts on a stop signal (`STOP_SIGNALS`), with the signal's name as its reason. */
  readonly stop: AbortSignal;
  /** The Graph client, made when a cycle first needs it; default: from the environment (`AZURE_*`, `ARM_*`). */
  readonly graph?: () => GraphApi;
  /** Opens shard `index` of the stack (`prod-3`); default: the real one, created if missing, config copied. */
  readonly openShardStack?: (target: StackTarget, index: number) => Promise<StackOps>;
  /** Options of the cycle's Personio client, which lists and writes back (tests shorten its retries). */
  readonly personio?: Partial<PersonioClientOptions>;
}

/**
 * `npm run reconcile`: Personio snapshot → preview → guards → up, every 30 minutes, or once with `--once`
 * (exit 0 done, 1 failed, 2 a guard refused, bad usage, a config error, or `--only` named an id Personio does
 * not list). A stop signal lets a running update finish within the
 * grace period, then cancels it; the loop then exits 0, `--once` by the cycle's result.
 */
export async function runReconcileCommand(argv: readonly string[], deps: ReconcileDeps): Promise<number> {
  try {
    const flags = runnerFlags(argv, SPEC, deps.io);
    if (flags === undefined) return EXIT.ok;
    const { values, target } = flags;
    const guards = guardOptions(values);
    const only = onlyFlag(values);
    const format = values["log-format"] ?? "text";
    if (format !== "text" && format !== "json") {
      throw new CommandError(
        `Invalid value for --log-format: ${JSON.stringify(format)}. Allowed: text or json.`,
        EXIT.usage,
      );
    }
    const interval = durationFlag(values, "interval");
    const jitter = durationFlag(values, "jitter");
    const refreshEvery = durationFlag(values, "refresh-every");
    const grace = durationFlag(values, "grace");
    const cycleTimeout = durationFlag(values, "cycle-timeout");
    const maxLockAge = durationFlag(values, "max-lock-age");
    if (jitter >= interval) {
      throw new CommandError(
        `Invalid value for --jitter: ${values["jitter"] ?? "60s (the default)"}. ` +
          `Allowed: shorter than --interval ${values["interval"] ?? "30m (the default)"}; give a shorter --jitter.`,
        EXIT.usage,
      );
    }
    if (values["once"] !== true && cycleTimeout >= interval) {
      throw new CommandError(
        `Invalid value for --cycle-timeout: ${values["cycle-timeout"] ?? "25m (the default)"}. ` +
          `Allowed: shorter than --interval ${values["interval"] ?? "30m (the default)"}, so cycles never overlap; give a shorter --cycle-timeout.`,
        EXIT.usage,
      );
    }
    const timezone = loopTimezone(values["timezone"], target.workDir, target.stackName);
    const shards = stackShards(target.workDir, target.stackName);
    const parallelism = shardParallelism(values["shard-parallelism"]);
    const phase = phaseFlag(values, shards);
    if (shards > 1 && only !== undefined) {
      throw new CommandError(
        `Invalid value for --only: a sharded stack (personio-azuread:shards: ${shards}). Allowed: --only on a stack of one shard; run a whole cycle instead.`,
        EXIT.usage,
      );
    }
    const { webhook, ...opsFlags } = opsSettings(values, deps.io.env);
    const debounce = durationFlag(values, "debounce");
    const redactor = new CycleRedactor();
    const log = lineLogger(deps.io.stdout, format === "json", undefined, redactor);
    const stack = withScopeRelease(await deps.openStack(target), guards);
    // One cycle (--once) takes no webhooks: nothing would run the ids they bring.
    const ops = await startOps(
      values["once"] === true || phase !== undefined || webhook === undefined
        ? opsFlags
        : { ...opsFlags, webhook },
      {
        log,
        clock: deps.clock,
        wallNow: deps.wallNow,
        stack: target.stackName,
        redactor,
      },
    );
    log("info", "reconcile.start", {
      stack: target.stackName,
      once: values["once"] === true,
      intervalMs: interval,
    });
    const staleSnapshots = removeStaleSnapshots();
    if (staleSnapshots > 0) log("warn", "snapshot.stale_removed", { count: staleSnapshots });
    const success = new SuccessClock(await stack.lastSuccessAt().catch(() => undefined), deps.wallNow());
    const graphApi = once(deps.graph ?? (() => graphApiFromEnv(deps.io.env)));
    const options: CycleOptions = {
      guards,
      refreshEveryMs: refreshEvery,
      readPersonio: async (config, signal) => {
        const started = deps.clock.now();
        try {
          const reading = await takeSnapshot(config, {
            env: deps.io.env,
            now: new Date(deps.wallNow()),
            signal,
            client: {
              ...deps.personio,
              onRequest: (event) =>
                ops.observer.personioRequest(typeof event.outcome === "number" ? event.outcome : "error"),
            },
          });
          ops.observer.employeesListed(reading.snapshot.employees.length);
          return reading;
        } catch (error) {
          if (!signal.aborted) ops.observer.operationFailed("personio");
          throw error;
        } finally {
          ops.observer.observeOperation("personio", deps.clock.now() - started);
        }
      },
      writeBack: personioWriteBack(log),
      graph: graphStep(graphApi, log),
      senderCheck: senderCheck(graphApi),
      env: deps.io.env,
      graceMs: grace,
      timeoutMs: cycleTimeout,
      maxLockAgeMs: maxLockAge,
      maxStalenessMs: opsFlags.maxStalenessMs,
      success,
      lockSeen: {},
      log,
      redactor,
      clock: deps.clock,
      wallNow: deps.wallNow,
    };
    const webhookOptions: CycleOptions = { ...options, unknownIds: "drop" };
    const open = deps.openShardStack ?? openShardStack;
    const sharded: ShardedStack | undefined =
      shards > 1
        ? {
            base: stack,
            shards,
            parallelism,
            openShard: async (i) => withScopeRelease(ops.instrument(await open(target, i)), guards),
          }
        : undefined;
    if (phase !== undefined && sharded !== undefined) {
      const code = await runPhase(phase, values, sharded, options, { ...deps, observe: ops.observe });
      await ops.close();
      return code;
    }
    // With shards, a webhook's ids run a whole coordinator cycle: their changes are in it.
    const cycle = ops.observe((stop, ids) =>
      sharded !== undefined
        ? runCoordinatorCycle(sharded, options, stop)
        : runCycle(ops.instrument(stack), values["once"] === true ? options : webhookOptions, stop, ids),
    );
    if (values["once"] === true) {
      const result = await cycle(deps.stop, only);
      await ops.close();
      if (result.unknownIds !== undefined || result.configError === true) return EXIT.usage;
      return result.status === "failed" ? EXIT.failed : result.status === "refused" ? EXIT.refused : EXIT.ok;
    }
    ops.observer.loopRunning(true);
    await runLoop(
      cycle,
      {
        intervalMs: interval,
        jitterMs: jitter,
        backoffBaseMs: Math.min(60_000, interval),
        clock: deps.clock,
        random: deps.random,
        log,
        timezone,
        wallNow: deps.wallNow,
        ...(ops.targets === undefined ? {} : { targets: ops.targets, debounceMs: debounce }),
      },
      deps.stop,
    );
    await ops.close();
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, deps.io, {
      usage: [UnknownStackError],
      otherwise: (cause) =>
        `Cannot start the reconcile loop: ${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}`,
    });
  }
}

/** Checks a reconcile command line's flags (an example in deploy/, say) without running it; throws a CommandError. */
export function checkReconcileArgs(argv: readonly string[]): void {
  phaseFlag(parseFlags(argv, SPEC), undefined);
}

/** `make` called once, its result kept (also its error: the next cycle calls again). */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
