import type { Clock } from "../util/clock";
import type { CycleResult } from "./cycle";
import type { Logger } from "./log";
import { backoffMs, nextSlot } from "./schedule";

export interface LoopOptions {
  /** Between cycle starts. Default 30 min. */
  readonly intervalMs: number;
  /** Up to this much random delay per cycle, so many tenants do not hit Personio on the same second. */
  readonly jitterMs: number;
  /** After a failure, retry after this, doubling per failure, capped at the interval. */
  readonly backoffBaseMs: number;
  readonly clock: Clock;
  readonly random: () => number;
  readonly log: Logger;
}

/** A cycle, given the stop signal: it finishes a running update within its grace period, then cancels it. */
export type Cycle = (stop: AbortSignal) => Promise<CycleResult>;

/**
 * Runs cycles one after another until `stop` aborts: on a fixed grid (no drift, no overlap) with a little
 * jitter, retrying failures with backoff. The loop itself never throws because of a cycle.
 */
export async function runLoop(cycle: Cycle, options: LoopOptions, stop: AbortSignal): Promise<void> {
  const { clock, log } = options;
  const first = clock.now();
  let failures = 0;
  let cycles = 0;
  while (!stop.aborted) {
    const result = await cycle(stop);
    cycles++;
    if (result.status === "failed") failures++;
    else failures = 0;
    if (stop.aborted) break;
    const now = clock.now();
    const wakeAt =
      failures > 0
        ? now + backoffMs(failures, options.backoffBaseMs, options.intervalMs)
        : nextSlot(first, options.intervalMs, now) + Math.floor(options.random() * options.jitterMs);
    log("info", "loop.sleep", { status: result.status, cycles, failures, sleepMs: Math.round(wakeAt - now) });
    await clock.sleep(wakeAt - now, stop).catch(() => undefined);
  }
  log("info", "loop.stopped", { cycles });
}
