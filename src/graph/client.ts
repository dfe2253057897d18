import type { TokenCredential } from "@azure/identity";
import { type Clock, systemClock } from "../util/clock";
import { NODE_TIMER_MAX_MS } from "../util/durations";
import { runBatch } from "./batch";
import { resolveGraphEndpoint } from "./endpoint";
import { listTenantUsers } from "./list-users";
import { WritePacer } from "./pacer";
import { readUser } from "./read-user";
import { DEFAULT_GRAPH_RETRY, type GraphRequestEvent, type GraphRetryOptions, type RetryDeps } from "./retry";
import { createGraphSend } from "./send";
import type { GraphApi } from "./types";

/** Graph's per-app ceiling: 3,000 writes per 150 s. */
export const MAX_WRITES_PER_SECOND = 20;

export interface GraphApiOptions {
  /** Signs the requests; `createGraphCredential` in production, a fake in tests. */
  readonly credential: TokenCredential;
  /** `GRAPH_ENDPOINT`'s value: an https origin. Default `https://graph.microsoft.com`. */
  readonly endpoint?: string;
  /** Writes per second across `$batch` envelopes, at most 20. Default 15: headroom for other writers of the app. */
  readonly writesPerSecond?: number;
  /** One attempt, token included, from start to the answer's last byte. Default 60 s. */
  readonly requestDeadlineMs?: number;
  /** Retries of 429/503/504 and network failures. Defaults: {@link DEFAULT_GRAPH_RETRY}. */
  readonly retry?: Partial<GraphRetryOptions>;
  /** Pacing and retry waits. Default: the system clock. */
  readonly clock?: Clock;
  /** Jitter of backoffs, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /** Default: the global fetch. Tests route requests to a local server with it. */
  readonly fetch?: typeof fetch;
  /** Called once per attempt and per `$batch` sub-response; ids and statuses only. */
  readonly onRequest?: (event: GraphRequestEvent) => void;
}

/**
 * The Graph client of the Graph step, on `@microsoft/microsoft-graph-client`: the tenant listing, one user's
 * mail, and paced `$batch` writes, under the caller's abort signal and a deadline per attempt. Throws one line naming the option
 * when one is out of range.
 */
export function createGraphApi(options: GraphApiOptions): GraphApi {
  const endpoint = resolveGraphEndpoint(options.endpoint);
  const writesPerSecond = options.writesPerSecond ?? 15;
  if (!(writesPerSecond > 0 && writesPerSecond <= MAX_WRITES_PER_SECOND)) {
    throw new RangeError(
      `Invalid writesPerSecond: ${writesPerSecond}. Allowed: a number > 0 and <= ${MAX_WRITES_PER_SECOND} ` +
        "(Graph allows an app 3,000 writes per 150 s).",
    );
  }
  const requestDeadlineMs = options.requestDeadlineMs ?? 60_000;
  checkWholeMs("requestDeadlineMs", requestDeadlineMs, 1);
  const retry = { ...DEFAULT_GRAPH_RETRY, ...options.retry };
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1 || retry.maxAttempts > 20) {
    throw new RangeError(`Invalid retry.maxAttempts: ${retry.maxAttempts}. Allowed: a whole number 1-20.`);
  }
  for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    checkWholeMs(`retry.${key}`, retry[key], 0);
  }
  const clock = options.clock ?? systemClock;
  const deps: RetryDeps = {
    send: createGraphSend({
      endpoint,
      credential: options.credential,
      deadlineMs: requestDeadlineMs,
      fetch: options.fetch ?? fetch,
    }),
    clock,
    random: options.random ?? Math.random,
    retry,
    onRequest: options.onRequest,
  };
  const pacer = new WritePacer(writesPerSecond, clock);
  return {
    listUsers: (signal) => listTenantUsers({ ...deps, baseUrl: endpoint.baseUrl }, signal),
    user: (idOrUpn, signal) => readUser(deps, idOrUpn, signal),
    batch: (requests, signal) => runBatch({ ...deps, pacer }, requests, signal),
  };
}

function checkWholeMs(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min || value > NODE_TIMER_MAX_MS) {
    throw new RangeError(
      `Invalid ${name}: ${value}. Allowed: whole milliseconds from ${min} to ${NODE_TIMER_MAX_MS}.`,
    );
  }
}
