import type { Clock } from "../util/clock";
import type { CycleResult } from "./cycle-types";
import type { Logger } from "../util/log";
import { nextWake } from "./schedule";
import type { TargetQueue } from "./target-queue";

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
  /** Ids for targeted cycles between the scheduled ones (webhooks); none: scheduled cycles only. */
  readonly targets?: TargetQueue;
  /** How long the first waiting id waits for others to join its targeted cycle (`--debounce`). Default 30 s. */
  readonly debounceMs?: number;
}

/**
 * A cycle, given the stop signal: it finishes a running update within its grace period, then cancels it. With
 * `only`, a targeted cycle: those employee ids only.
 */
export type Cycle = (stop: AbortSignal, only?: ReadonlySet<string>) => Promise<CycleResult>;

/** The debounce when {@link LoopOptions.debounceMs} is not given. */
export const DEFAULT_DEBOUNCE_MS = 30_000;

/**
 * Runs cycles one at a time until `stop` aborts: scheduled cycles on a grid aligned to local midnight (no drift,
 * no overlap, a cycle right after every midnight; see `nextWake`) with a little jitter, retrying failures with
 * backoff; and, with `targets`, a targeted cycle for the waiting ids once the oldest has waited `debounceMs` —
 * after the running cycle, and after a scheduled cycle that is due by then. Targeted cycles do not move the grid
 * and their failures do not count towards its backoff (the next scheduled cycle is their backstop). The loop
 * itself never throws because of a cycle (which owns the grace period on a stop).
 */
export async function runLoop(cycle: Cycle, options: LoopOptions, stop: AbortSignal): Promise<void> {
  const { clock, log, targets } = options;
  const wallNow = options.wallNow ?? (() => clock.now());
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let failures = 0;
  let cycles = 0;
  let targeted = 0;
  let scheduledAt = wallNow();
  let scheduledDue = true;
  while (!stop.aborted) {
    if (scheduledDue || wallNow() >= scheduledAt) {
      scheduledDue = false;
      const startedAt = wallNow();
      const result = await cycle(stop);
      cycles++;
      if (result.status === "failed") failures++;
      else failures = 0;
      if (stop.aborted) break;
      const now = wallNow();
      scheduledAt = nextWake({ ...options, now, startedAt, failures, timeZone: options.timezone ?? "UTC" });
      log("info", "loop.sleep", {
        status: result.status,
        cycles,
        failures,
        sleepMs: Math.round(scheduledAt - now),
      });
      continue;
    }
    const oldest = targets?.oldestArrival();
    const targetIn = oldest === undefined ? Infinity : oldest + debounceMs - clock.now();
    if (targets !== undefined && targetIn <= 0) {
      const batch = targets.take();
      log("info", "loop.targeted", { ids: batch.ids.size });
      const result = await cycle(stop, batch.ids);
      targeted++;
      batch.settled(result);
      log("info", "loop.targeted_ended", { status: result.status, ids: batch.ids.size, targeted });
      continue;
    }
    const scheduledIn = scheduledAt - wallNow();
    const slept = await wait(
      clock,
      Math.min(scheduledIn, targetIn),
      stop,
      oldest === undefined ? targets : undefined,
    );
    // A full sleep towards the scheduled cycle starts it, even if the wall clock lags the timer by a millisecond.
    if (slept && scheduledIn <= targetIn) scheduledDue = true;
  }
  log("info", "loop.stopped", targets === undefined ? { cycles } : { cycles, targeted });
}

/** Sleeps `ms`, or less when `stop` aborts or (given `arrivals`) an id arrives; true when it slept it all. */
async function wait(clock: Clock, ms: number, stop: AbortSignal, arrivals?: TargetQueue): Promise<boolean> {
  if (arrivals === undefined)
    return clock.sleep(ms, stop).then(
      () => true,
      () => false,
    );
  const wake = new AbortController();
  const onStop = (): void => wake.abort();
  stop.addEventListener("abort", onStop, { once: true });
  const unsubscribe = arrivals.onArrival(() => wake.abort());
  try {
    await clock.sleep(ms, wake.signal);
    return true;
  } catch {
    return false;
  } finally {
    stop.removeEventListener("abort", onStop);
    unsubscribe();
  }
}
