import type { StackOps } from "../engine/stack-ops";
import { type GraphOutcome, graphNeedsAttention, graphStatus } from "../graph";
import type { Redactor } from "../util/known-names";
import type { WriteBackResult } from "../write-back";
import type { CycleControl } from "./cycle-control";
import { describeFailure, failed } from "./cycle-failure";
import type { CycleOptions, CycleResult } from "./cycle-types";
import { graphConfigured } from "./graph-plan";
import { graphStopped } from "./graph-step";
import type { PersonioReading } from "./take-snapshot";
import { statusLine, type WriteBackStep } from "./write-back-step";

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

async function writeBackAfterUp(
  stack: Pick<StackOps, "lastOutputs">,
  options: CycleOptions,
  reading: PersonioReading,
  control: CycleControl,
  result: CycleResult,
  cycleStarted: number,
): Promise<CycleResult> {
  if (options.writeBack === undefined || reading.config.writeBack === undefined) return result;
  const notStarted = notStartedReason(control, "write-back");
  let writeBack: WriteBackResult | undefined;
  if (notStarted === undefined) {
    control.enter("write-back");
    writeBack = await runWriteBack(options.writeBack, stack, reading, control, options.redactor);
  } else {
    writeBack = { planned: 0, written: 0, failed: [], stop: { kind: "not_started", message: notStarted } };
  }
  if (writeBack === undefined) return result;
  const cancelled = notStarted === undefined ? control.cancelReason : undefined;
  const failedCount = writeBack.failed.length;
  options.log(
    failedCount > 0 || writeBack.stop !== undefined || cancelled !== undefined ? "warn" : "info",
    "cycle.write_back",
    {
      status: statusLine(cancelled === undefined ? result.status : "failed", writeBack),
      planned: writeBack.planned,
      written: writeBack.written,
      failed: failedCount,
      reason: cancelled ?? writeBack.stop?.message,
    },
  );
  if (cancelled === undefined) return { ...result, writeBack };
  return { ...result, ...failed(options.log, cancelled, cycleStarted, options.clock), writeBack };
}

async function graphAfterUp(
  options: CycleOptions,
  reading: PersonioReading,
  control: CycleControl,
  result: CycleResult,
  cycleStarted: number,
): Promise<CycleResult> {
  const step = options.graph;
  if (step === undefined || !graphConfigured(reading.config)) return result;
  const notStarted = notStartedReason(control, "Graph step");
  let graph: GraphOutcome | undefined;
  if (notStarted === undefined) {
    control.enter("Graph step");
    try {
      graph = await step({
        reading,
        changeSet: result.changeSet,
        guards: options.guards,
        now: new Date(options.wallNow()),
        signal: control.signal,
        ...(options.only === undefined ? {} : { only: options.only }),
      });
    } catch (error) {
      graph = graphStopped("failed", control.cancelReason ?? describeFailure(error, options.redactor));
    }
  } else {
    graph = graphStopped("not_started", notStarted);
  }
  if (graph === undefined) return result;
  const cancelled = notStarted === undefined ? control.cancelReason : undefined;
  options.log(graphNeedsAttention(graph) || cancelled !== undefined ? "warn" : "info", "cycle.graph", {
    status: `${cancelled === undefined ? result.status : "failed"}, ${graphStatus(graph)}`,
    revoked: graph.done.revokes,
    accessPasses: graph.done.accessPasses,
    extensionAttributes: graph.done.extensionAttributes,
    failed: graph.failures.length,
    heldBack: graph.heldBack,
    reason: cancelled ?? graph.stop?.message,
  });
  if (cancelled === undefined) return { ...result, graph };
  return { ...result, ...failed(options.log, cancelled, cycleStarted, options.clock), graph };
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

async function runWriteBack(
  step: WriteBackStep,
  stack: Pick<StackOps, "lastOutputs">,
  reading: PersonioReading,
  control: CycleControl,
  redactor: Redactor | undefined,
): Promise<WriteBackResult | undefined> {
  try {
    return await step({ reading, outputs: () => stack.lastOutputs(), signal: control.signal });
  } catch (error) {
    const message = control.cancelReason ?? describeFailure(error, redactor);
    return { planned: 0, written: 0, failed: [], stop: { kind: "failed", message } };
  }
}
