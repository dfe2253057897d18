import type { Clock } from "../util/clock";
import type { CycleResult } from "./cycle-types";
import type { Logger } from "../util/log";
import { nextWake } from "./schedule";

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
  /** The company time zone: the grid restarts at its every midnight. Default UTC. */
  readonly timezone?: string;
  /** Wall-clock epoch ms, for the midnight grid; default `clock.now` (test clocks are wall clocks). */
  readonly wallNow?: () => number;
}

/**
 * A cycle, given the stop signal: it finishes a running update within its grace period, then cancels it. With
 * `only`, a targeted cycle limited to those Personio ids (see `runCycle`).
 */
export type Cycle = (stop: AbortSignal, only?: ReadonlySet<string>) => Promise<CycleResult>;

/**
 * Runs cycles one after another until `stop` aborts: on a grid aligned to local midnight (no drift, no
 * overlap, a cycle right after every midnight; see `nextWake`) with a little jitter, retrying failures with
 * backoff. The loop itself never throws because of a cycle (which owns the grace period on a stop).
 */
export async function runLoop(cycle: Cycle, options: LoopOptions, stop: AbortSignal): Promise<void> {
  const { clock, log } = options;
  const wallNow = options.wallNow ?? (() => clock.now());
  let failures = 0;
  let cycles = 0;
  while (!stop.aborted) {
    const startedAt = wallNow();
    const result = await cycle(stop);
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
