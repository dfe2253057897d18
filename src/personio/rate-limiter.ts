import { type Clock, systemClock } from "../util/clock";

/** At most `limit` requests may start in any window of `windowMs` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** Personio's documented limits for the employees endpoint: bursts of 15 per second, 300 per minute. */
export const PERSONIO_RATE_WINDOWS: readonly RateWindow[] = [
  { limit: 15, windowMs: 1_000 },
  { limit: 300, windowMs: 60_000 },
];

/**
 * Paces request starts so that no sliding window ever holds more than its limit.
 *
 * A sliding log rather than a token bucket: a bucket of 300 refilled at 5/s admits 600 requests in the first
 * minute, which Personio would answer with 429. Slots are reserved in call order, so concurrent callers are
 * served first come, first served. `marginMs` widens every window to absorb scheduling jitter between the
 * client's clock and the server's.
 */
export class RateLimiter {
  private readonly logs: number[][];

  constructor(
    private readonly windows: readonly RateWindow[] = PERSONIO_RATE_WINDOWS,
    private readonly marginMs = 50,
    private readonly clock: Clock = systemClock,
  ) {
    for (const w of windows) {
      if (!Number.isInteger(w.limit) || w.limit < 1 || !(w.windowMs > 0)) {
        throw new RangeError(
          `Invalid rate window: ${w.limit} per ${w.windowMs} ms. Allowed: a whole limit >= 1 per window > 0 ms.`,
        );
      }
    }
    this.logs = windows.map(() => []);
  }

  /** Reserves the earliest slot the windows allow and resolves when it comes. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const slot = this.reserve();
    await this.clock.sleep(slot - this.clock.now(), signal);
  }

  /** Reserves and returns the start time of the next request; exposed for tests of the schedule. */
  reserve(): number {
    let slot = this.clock.now();
    this.windows.forEach((w, i) => {
      const log = this.logs[i] as number[];
      if (log.length >= w.limit)
        slot = Math.max(slot, (log[log.length - w.limit] as number) + w.windowMs + this.marginMs);
    });
    this.windows.forEach((w, i) => {
      const log = this.logs[i] as number[];
      log.push(slot);
      if (log.length > 2 * w.limit) log.splice(0, log.length - w.limit);
    });
    return slot;
  }
}
