import { setTimeout as delay } from "node:timers/promises";

/** Time as the client sees it; injected so pacing and backoff are testable without waiting. */
export interface Clock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Resolves after `ms` milliseconds, or rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The process's monotonic clock and real timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: async (ms, signal) => {
    if (ms > 0 || signal?.aborted) await delay(ms, undefined, { signal });
  },
};
