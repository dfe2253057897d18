import type { StackOps } from "../engine/stack-ops";
import type { WriteBackResult } from "../write-back";
import type { CycleControl } from "./cycle-control";
import { describeFailure } from "./cycle-failure";
import type { CycleOptions, CycleResult } from "./cycle-types";
import type { PersonioReading } from "./take-snapshot";
import { statusLine } from "./write-back-step";

/**
 * Write-back after a successful cycle, from the cycle's listing and the outputs after `up`. Its failures are
 * reported in the result and a status line (`applied, 3 write-backs failed`), never as a failed cycle: the
 * tenant is in step whatever Personio answers.
 */
export async function afterUp(
  stack: StackOps,
  options: CycleOptions,
  reading: PersonioReading,
  control: CycleControl,
  result: CycleResult,
): Promise<CycleResult> {
  if (options.writeBack === undefined) return result;
  let writeBack: WriteBackResult | undefined;
  try {
    writeBack = await options.writeBack({
      reading,
      outputs: () => stack.lastOutputs(),
      signal: control.signal,
    });
  } catch (error) {
    const message = control.cancelReason ?? describeFailure(error);
    writeBack = { planned: 0, written: 0, failed: [], stop: { kind: "failed", message } };
  }
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
