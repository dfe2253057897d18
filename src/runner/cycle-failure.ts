import { ConfigError } from "../config";
import { causeLine } from "../engine/cause-line";
import { GraphCredentialsError, GraphPayloadError, GraphRequestError, GraphTransportError } from "../graph";
import { PersonioError } from "../personio";
import { AttributeAccessError } from "../pipeline/attribute-access";
import { TempDirError } from "../snapshot";
import { BundleError } from "./bundle-files";
import type { Clock } from "../util/clock";
import type { Redactor } from "../util/known-names";
import type { Logger } from "../util/log";
import type { CycleControl, Phase } from "./cycle-control";
import type { CycleResult } from "./cycle-types";

/** A cycle that ended before `next` because it was stopped or ran out of time. */
export function stopped(
  log: Logger,
  control: CycleControl,
  next: Phase,
  started: number,
  clock: Clock,
): CycleResult {
  return failed(log, control.cancelReason ?? control.stoppedBefore(next), started, clock);
}

/** A failed cycle: one error line in the log and the result. */
export function failed(
  log: Logger,
  reason: string,
  started: number,
  clock: Clock,
  sets: Pick<CycleResult, "changeSet" | "applied"> = {},
): CycleResult {
  log("error", "cycle.failed", { reason, durationMs: Math.round(clock.now() - started) });
  return { status: "failed", error: reason, ...sets };
}

/**
 * One line for a failure: the CLI's cause without personal data (with `redactor`, without the names and logins
 * the cycle knows), or our own typed error's message.
 */
export function describeFailure(error: unknown, redactor?: Redactor): string {
  if (
    error instanceof ConfigError ||
    error instanceof PersonioError ||
    error instanceof AttributeAccessError ||
    error instanceof TempDirError ||
    error instanceof BundleError ||
    error instanceof GraphCredentialsError ||
    error instanceof GraphRequestError ||
    error instanceof GraphTransportError ||
    error instanceof GraphPayloadError
  ) {
    return error.message;
  }
  return causeLine(error, redactor);
}
