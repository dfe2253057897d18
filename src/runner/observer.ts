import type { GraphOutcome } from "../graph";
import type { CycleResult, CycleStatus } from "./cycle-types";

/** How one cycle ended, as the health, metrics and notification modules see it. */
export interface CycleReport {
  readonly status: CycleStatus;
  /** Monotonic duration of the whole cycle. */
  readonly durationMs: number;
  readonly result: CycleResult;
  /** What the Graph step did (the result's), when it ran or was due. */
  readonly graph?: GraphOutcome;
  /** Records Personio sent that could not be read this cycle; absent when the cycle did not list Personio. */
  readonly skippedRecords?: number;
  /** Epoch ms at which the cycle ended. */
  readonly at: number;
}

/** The timed parts of a cycle; a bounded set, so that it can be a metric label. */
export type OperationKind = "refresh" | "preview" | "up" | "personio";

/** Where a failed operation went wrong, from its error line: a bounded set, never the message itself. */
export type FailureSource = "graph" | "personio" | "cli";

/**
 * What the runner tells the operations side (health, metrics, notifications). Every method is synchronous and
 * must not throw: an observer never slows or breaks a cycle.
 */
export interface RunnerObserver {
  /** A cycle starts (epoch ms). */
  cycleStarted(at: number): void;
  cycleEnded(report: CycleReport): void;
  /** One timed operation finished (or failed) after `ms`. */
  observeOperation(kind: OperationKind, ms: number): void;
  /** An operation failed for a reason other than a lock or a cancellation. */
  operationFailed(source: FailureSource): void;
  /** One HTTP request to Personio ended: its status, or "error" for a transport failure. */
  personioRequest(status: number | "error"): void;
  /** Personio listed this many employees in this cycle. */
  employeesListed(count: number): void;
  /** The loop started (true) or stopped (false). */
  loopRunning(running: boolean): void;
}

/** An observer that ignores everything: the default when no `--listen` or `--notify-url` is given. */
export const NOOP_OBSERVER: RunnerObserver = {
  cycleStarted: () => undefined,
  cycleEnded: () => undefined,
  observeOperation: () => undefined,
  operationFailed: () => undefined,
  personioRequest: () => undefined,
  employeesListed: () => undefined,
  loopRunning: () => undefined,
};

/**
 * One observer calling several; an observer that throws is reported through `onError` and the others still
 * run, so that a bug in the metrics cannot cost a notification, nor either one a cycle.
 */
export function fanOut(
  observers: readonly RunnerObserver[],
  onError: (error: unknown) => void,
): RunnerObserver {
  const call =
    <K extends keyof RunnerObserver>(method: K) =>
    (...args: Parameters<RunnerObserver[K]>): void => {
      for (const observer of observers) {
        try {
          (observer[method] as (...a: Parameters<RunnerObserver[K]>) => void)(...args);
        } catch (error) {
          onError(error);
        }
      }
    };
  return {
    cycleStarted: call("cycleStarted"),
    cycleEnded: call("cycleEnded"),
    observeOperation: call("observeOperation"),
    operationFailed: call("operationFailed"),
    personioRequest: call("personioRequest"),
    employeesListed: call("employeesListed"),
    loopRunning: call("loopRunning"),
  };
}
