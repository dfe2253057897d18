import type { Clock } from "../util/clock";
import type { CycleResult } from "./cycle";
import type { Logger } from "./log";
import { nextWake } from "./schedule";

export interface LoopOptions {
  /** Between cycle starts. Default 30 min. */
  readonly intervalMs: number;
  /** Up to this much random delay per cycle, so many tenants do not hit Personio on the same second. */
  readonly jitterMs: number;
  /** After a failure, retry after this, doubling per failure, capped at the interval. */
  readonly backoffBaseMs: number;
  /** On SIGINT/SIGTERM, how long a running cycle may take to finish before it is cancelled. */
  readonly graceMs: number;
  readonly clock: Clock;
  readonly random: () => number;
  readonly log: Logger;
  /** The company time zone: the grid restarts at its every midnight. Default UTC. */
  readonly timezone?: string;
  /** Wall-clock epoch ms, for the midnight grid; default `clock.now` (test clocks are wall clocks). */
  readonly wallNow?: () => number;
}

/** A cycle, told how it may be cancelled. */
export type Cycle = (signal: AbortSignal) => Promise<CycleResult>;

/**
 * Runs cycles one after another until `stop` aborts: on a grid aligned to local midnight (no drift, no
 * overlap, a cycle right after every midnight; see `nextWake`) with a little jitter, retrying failures with backoff. A stop during a cycle lets it finish within `graceMs`, then cancels
 * it; the loop itself never throws because of a cycle.
 */
export async function runLoop(cycle: Cycle, options: LoopOptions, stop: AbortSignal): Promise<void> {
  const { clock, log } = options;
  const wallNow = options.wallNow ?? (() => clock.now());
  let failures = 0;
  let cycles = 0;
  while (!stop.aborted) {
    const startedAt = wallNow();
    const result = await withGrace(cycle, stop, options);
    cycles++;
    if (result.status === "failed") failures++;
    else failures = 0;
    if (stop.aborted) break;
    const now = wallNow();
    const wakeAt = nextWake({ ...options, now, startedAt, failures, timeZone: options.timezone ?? "UTC" });
    log("info", "loop.sleep", { status: result.status, cycles, failures, sleepMs: Math.round(wakeAt - now) });
    await clock.sleep(wakeAt - now, stop).catch(() => undefined);
  }
  log("info", "loop.stopped", { cycles });
}

async function withGrace(cycle: Cycle, stop: AbortSignal, options: LoopOptions): Promise<CycleResult> {
  const cancel = new AbortController();
  const graceTimer = new AbortController();
  const running = cycle(cancel.signal);
  const onStop = (): void => {
    options.log("warn", "loop.stopping", { graceMs: options.graceMs });
    options.clock
      .sleep(options.graceMs, graceTimer.signal)
      .then(() => {
        options.log("warn", "loop.cancelling", { reason: "grace period over" });
        cancel.abort();
      })
      .catch(() => undefined);
  };
  if (stop.aborted) onStop();
  else stop.addEventListener("abort", onStop, { once: true });
  try {
    return await running;
  } finally {
    stop.removeEventListener("abort", onStop);
    graceTimer.abort();
  }
}
