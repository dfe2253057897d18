import type { StackOps } from "../engine/stack-ops";
import type { Redactor } from "../util/known-names";
import type { WriteBackResult } from "../write-back";
import type { CycleControl } from "./cycle-control";
import { describeFailure } from "./cycle-failure";
import type { CycleOptions, CycleResult } from "./cycle-types";
import type { PersonioReading } from "./take-snapshot";
import { statusLine, type WriteBackStep } from "./write-back-step";

/**
 * The steps after a successful `up` (today write-back), from the cycle's listing and the outputs after `up`.
 * Their failures are reported in the result and a status line (`applied, 3 write-backs failed`), never as a
 * failed cycle: the tenant is in step whatever Personio answers. After a stop signal or past the deadline no
 * step starts (see {@link notStartedReason}); what it would have done follows from the next cycle's reading.
 */
export async function afterUp(
  stack: StackOps,
  options: CycleOptions,
  reading: PersonioReading,
  control: CycleControl,
  result: CycleResult,
): Promise<CycleResult> {
  if (options.writeBack === undefined || reading.config.writeBack === undefined) return result;
  const notStarted = notStartedReason(control, "write-back");
  const writeBack: WriteBackResult | undefined =
    notStarted === undefined
      ? await runWriteBack(options.writeBack, stack, reading, control, options.redactor)
      : { planned: 0, written: 0, failed: [], stop: { kind: "not_started", message: notStarted } };
  if (writeBack === undefined) return result;
  const failed = writeBack.failed.length;
  options.log(failed > 0 || writeBack.stop !== undefined ? "warn" : "info", "cycle.write_back", {
    status: statusLine(result.status, writeBack),
    planned: writeBack.planned,
    written: writeBack.written,
    failed,
    reason: writeBack.stop?.message,
  });
  return { ...result, writeBack };
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
  stack: StackOps,
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
