import type { StackOps } from "../engine/stack-ops";
import { type GraphOutcome, graphNeedsAttention, graphStatus } from "../graph";
import type { WriteBackResult } from "../write-back";
import type { CycleControl } from "./cycle-control";
import { describeFailure, failed } from "./cycle-failure";
import type { CycleOptions, CycleResult } from "./cycle-types";
import { graphConfigured } from "./graph-plan";
import { graphStopped } from "./graph-step";
import type { PersonioReading } from "./take-snapshot";
import { statusLine } from "./write-back-step";

/**
 * The steps after a successful `up` — write-back, then the Graph step — from the cycle's listing, the outputs
 * after `up` and the tenant as it is now. What Personio or Graph answers is reported in the result and a status
 * line (`applied, 3 write-backs failed`, `applied, graph: revoke failed (missing User.RevokeSessions.All)`),
 * never as a failed cycle: `up`'s result stands. A step cancelled while it runs (the cycle's deadline, or a stop
 * signal's grace period over) fails the cycle, keeping what the steps did in the result. After a stop signal or
 * past the deadline no step starts (see {@link notStartedReason}); what it would have done follows from the next
 * cycle's reading.
 */
export async function afterUp(
  stack: Pick<StackOps, "lastOutputs">,
  options: CycleOptions,
  reading: PersonioReading,
  control: CycleControl,
  result: CycleResult,
  cycleStarted: number,
): Promise<CycleResult> {
  const afterWriteBack = await writeBackAfterUp(stack, options, reading, control, result, cycleStarted);
  if (afterWriteBack.status === "failed") return afterWriteBack;
  return graphAfterUp(options, reading, control, afterWriteBack, cycleStarted);
}

/** One step after `up`: how to run it, what it did when it could not run, how to log and record it. */
interface AfterUpStep<T> {
  /** The cycle phase while it runs (writing: it gets the grace period on a stop), also its name in messages. */
  readonly phase: "write-back" | "Graph step";
  /** Runs the step; undefined when the stack does not configure it after all. */
  readonly run: () => Promise<T | undefined>;
  /** The outcome of a step that did not start, or that threw. */
  readonly stopped: (kind: "not_started" | "failed", message: string) => T;
  /** The step's log line, given the cycle's status as it stands after the step and the cancel reason. */
  readonly report: (outcome: T, status: string, cancelled: string | undefined) => void;
  readonly record: (result: CycleResult, outcome: T) => CycleResult;
}

/**
 * The one way a step after `up` runs: not at all after a stop signal or past the deadline, in its own phase, its
 * throw turned into its own outcome, and a cancel while it ran failing the cycle with what the step did kept.
 */
async function runStep<T>(
  step: AfterUpStep<T>,
  options: CycleOptions,
  control: CycleControl,
  result: CycleResult,
  cycleStarted: number,
): Promise<CycleResult> {
  const notStarted = notStartedReason(control, step.phase);
  let outcome: T | undefined;
  if (notStarted === undefined) {
    control.enter(step.phase);
    try {
      outcome = await step.run();
    } catch (error) {
      outcome = step.stopped("failed", control.cancelReason ?? describeFailure(error, options.redactor));
    }
  } else {
    outcome = step.stopped("not_started", notStarted);
  }
  if (outcome === undefined) return result;
  const cancelled = notStarted === undefined ? control.cancelReason : undefined;
  step.report(outcome, cancelled === undefined ? result.status : "failed", cancelled);
  const recorded = step.record(result, outcome);
  if (cancelled === undefined) return recorded;
  return { ...recorded, ...failed(options.log, cancelled, cycleStarted, options.clock) };
}

function writeBackAfterUp(
  stack: Pick<StackOps, "lastOutputs">,
  options: CycleOptions,
  reading: PersonioReading,
  control: CycleControl,
  result: CycleResult,
  cycleStarted: number,
): Promise<CycleResult> {
  const step = options.writeBack;
  if (step === undefined || reading.config.writeBack === undefined) return Promise.resolve(result);
  const writeBack: AfterUpStep<WriteBackResult> = {
    phase: "write-back",
    run: () => step({ reading, outputs: () => stack.lastOutputs(), signal: control.signal }),
    stopped: (kind, message) => ({ planned: 0, written: 0, failed: [], stop: { kind, message } }),
    report: (outcome, status, cancelled) => {
      const failedCount = outcome.failed.length;
      options.log(
        failedCount > 0 || outcome.stop !== undefined || cancelled !== undefined ? "warn" : "info",
        "cycle.write_back",
        {
          status: statusLine(status, outcome),
          planned: outcome.planned,
          written: outcome.written,
          failed: failedCount,
          reason: cancelled ?? outcome.stop?.message,
        },
      );
    },
    record: (current, outcome) => ({ ...current, writeBack: outcome }),
  };
  return runStep(writeBack, options, control, result, cycleStarted);
}

function graphAfterUp(
  options: CycleOptions,
  reading: PersonioReading,
  control: CycleControl,
  result: CycleResult,
  cycleStarted: number,
): Promise<CycleResult> {
  const run = options.graph;
  if (run === undefined || !graphConfigured(reading.config)) return Promise.resolve(result);
  const graph: AfterUpStep<GraphOutcome> = {
    phase: "Graph step",
    run: () =>
      run({
        reading,
        changeSet: result.changeSet,
        guards: options.guards,
        now: new Date(options.wallNow()),
        signal: control.signal,
        ...(options.only === undefined ? {} : { only: options.only }),
      }),
    stopped: graphStopped,
    report: (outcome, status, cancelled) => {
      options.log(graphNeedsAttention(outcome) || cancelled !== undefined ? "warn" : "info", "cycle.graph", {
        status: `${status}, ${graphStatus(outcome)}`,
        revoked: outcome.done.revokes,
        accessPasses: outcome.done.accessPasses,
        extensionAttributes: outcome.done.extensionAttributes,
        failed: outcome.failures.length,
        heldBack: outcome.heldBack,
        reason: cancelled ?? outcome.stop?.message,
      });
    },
    record: (current, outcome) => ({ ...current, graph: outcome }),
  };
  return runStep(graph, options, control, result, cycleStarted);
}

/**
 * Why a step after `up` must not start, or undefined when it may: every such step asks before it starts, so a
 * stop signal (SIGTERM while `up` finished within its grace) or the cycle's deadline starts nothing new.
 * @example notStartedReason(control, "write-back") === "stopped by SIGTERM before the write-back; the next cycle runs it"
 */
export function notStartedReason(control: CycleControl, step: string): string | undefined {
  if (control.cancelReason !== undefined) return `${control.cancelReason}; the ${step} did not start`;
  if (control.stopped) return `stopped by ${control.stoppedBy} before the ${step}; the next cycle runs it`;
  return undefined;
}
