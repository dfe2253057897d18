import type { Cycle } from "../runner/loop";
import { isLocked, type StackOps } from "../engine/stack-ops";
import type { FailureSource, RunnerObserver } from "../runner/observer";

/**
 * The stack operations, timed and their failures counted by source. A lock or a cancellation is not a failure
 * of the operation; every error is rethrown unchanged, so the cycle sees exactly what it saw before.
 */
export function timedStack(stack: StackOps, observer: RunnerObserver, now: () => number): StackOps {
  const timed =
    <A extends unknown[]>(kind: "preview" | "up" | "refresh", run: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      const started = now();
      try {
        await run(...args);
      } catch (error) {
        const signal = args.find((arg): arg is AbortSignal => arg instanceof AbortSignal);
        if (!isLocked(error) && signal?.aborted !== true) observer.operationFailed(failureSource(error));
        throw error;
      } finally {
        observer.observeOperation(kind, now() - started);
      }
    };
  return {
    stackName: stack.stackName,
    preview: timed("preview", (onEvent, signal, env) => stack.preview(onEvent, signal, env)),
    up: timed("up", (onEvent, signal, env) => stack.up(onEvent, signal, env)),
    refresh: timed("refresh", (signal) => stack.refresh(signal)),
    lastOutputs: () => stack.lastOutputs(),
    lastRefreshAt: () => stack.lastRefreshAt(),
    projectConfig: (env) => stack.projectConfig(env),
    runningUpdateSince: () => stack.runningUpdateSince(),
    lastSuccessAt: () => stack.lastSuccessAt(),
    recordSuccess: (at) => stack.recordSuccess(at),
  };
}

/** A cycle function that tells the observer when it starts and how it ended. */
export function observedCycle(
  cycle: Cycle,
  observer: RunnerObserver,
  now: () => number,
  wallNow: () => number,
): Cycle {
  return async (signal, only) => {
    observer.cycleStarted(wallNow());
    const started = now();
    const result = await cycle(signal, only);
    observer.cycleEnded({ status: result.status, durationMs: now() - started, result, at: wallNow() });
    return result;
  };
}

/**
 * Where an operation failed, from the CLI's error text: Microsoft Graph (the azuread provider's calls), Personio
 * (the program's client names every request `Personio GET …`), else the Pulumi CLI/engine itself.
 *
 * @example failureSource(new Error("error: Personio GET /v1/company/employees offset=0: HTTP 500")) === "personio"
 */
export function failureSource(error: unknown): FailureSource {
  const text = error instanceof Error ? error.message : String(error);
  if (/\bPersonio\b/.test(text)) return "personio";
  if (
    /graph\.microsoft\.com|\bmsgraph\b|Microsoft Graph|azuread:|Authorization_RequestDenied|\bODataError\b/i.test(
      text,
    )
  )
    return "graph";
  return "cli";
}
