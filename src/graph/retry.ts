import type { Clock } from "../util/clock";
import { parseRetryAfter, retryDelayMs } from "../personio/retry-policy";
import { describePath, GraphRequestError, graphErrorCode, GraphTransportError } from "./errors";
import type { GraphAnswer, GraphCall, GraphSend } from "./send";

/** How often and how patiently the client retries; every wait goes through the injected clock. */
export interface GraphRetryOptions {
  /** Attempts per request (and per `$batch` sub-request), the first included. Default 5. */
  readonly maxAttempts: number;
  /** Backoff before the first retry without a Retry-After; doubles per retry. Default 500 ms. */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff (not of a server's Retry-After). Default 20 s. */
  readonly maxDelayMs: number;
  /** The longest Retry-After honoured; a longer one ends the retries instead of stalling the run. Default 120 s. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_GRAPH_RETRY: GraphRetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
};

/** One line per attempt, for logs and tests: method, path with ids only, and the status or failure code. */
export interface GraphRequestEvent {
  readonly method: string;
  readonly path: string;
  readonly attempt: number;
  readonly outcome: number | string;
}

export interface RetryDeps {
  readonly send: GraphSend;
  readonly clock: Clock;
  readonly random: () => number;
  readonly retry: GraphRetryOptions;
  readonly onRequest?: (event: GraphRequestEvent) => void;
}

/** The statuses Graph documents as transient throttling or unavailability, answered with a Retry-After. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/**
 * The wait before retry number `retry` (1 for the first): the server's Retry-After if it gave one, never less
 * than a jittered exponential backoff; `undefined` when the Retry-After is longer than allowed.
 */
export function graphRetryDelayMs(
  retry: number,
  status: number | undefined,
  retryAfter: string | undefined,
  deps: Pick<RetryDeps, "retry" | "random">,
): number | undefined {
  const retryAfterMs = parseRetryAfter(retryAfter, Date.now());
  if ((retryAfterMs ?? 0) > deps.retry.maxRetryAfterMs) return undefined;
  const failure =
    status === undefined
      ? { kind: "network" as const, code: "" }
      : { kind: "status" as const, status, retryAfterMs };
  return retryDelayMs(retry, failure, { ...deps.retry, minDelayAfter429Ms: 0 }, deps.random);
}

/**
 * One request to completion: retried after 429/503/504 (or what `retried` says) by Retry-After, and after
 * network failures by backoff. Returns the 2xx answer; throws {@link GraphRequestError} or {@link GraphTransportError}.
 */
export async function sendWithRetry(
  deps: RetryDeps,
  call: GraphCall,
  signal?: AbortSignal,
  retried: (status: number) => boolean = (status) => RETRIED_STATUSES.has(status),
): Promise<GraphAnswer> {
  const path = describePath(call.path);
  for (let attempt = 1; ; attempt++) {
    let delay: number | undefined;
    let last: GraphRequestError | GraphTransportError;
    try {
      const answer = await deps.send(call, signal);
      deps.onRequest?.({ method: call.method, path, attempt, outcome: answer.status });
      if (answer.status >= 200 && answer.status < 300) return answer;
      last = new GraphRequestError(call.method, path, answer.status, graphErrorCode(answer.body), attempt);
      if (!retried(answer.status)) throw last;
      delay = graphRetryDelayMs(attempt, answer.status, answer.retryAfter, deps);
    } catch (error) {
      if (!(error instanceof GraphTransportError)) throw error;
      deps.onRequest?.({ method: call.method, path, attempt, outcome: error.code });
      if (error.code === "ABORTED" || error.code === "TOKEN") throw error;
      last = error;
      delay = graphRetryDelayMs(attempt, undefined, undefined, deps);
    }
    if (delay === undefined || attempt >= deps.retry.maxAttempts) throw last;
    await deps.clock.sleep(delay, signal).catch(() => {
      throw new GraphTransportError(call.method, path, "ABORTED");
    });
  }
}
