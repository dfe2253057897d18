import { type Clock, systemClock } from "../util/clock";

/** At most `limit` requests may reach the server in any window of `windowMs` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** Personio's documented limits for the employees endpoint: bursts of 15 per second, 300 per minute. */
export const PERSONIO_RATE_WINDOWS: readonly RateWindow[] = [
  { limit: 15, windowMs: 1_000 },
  { limit: 300, windowMs: 60_000 },
];

/** Call as soon as the server's answer to the request begins, or the request has failed. */
export type Release = () => void;

/**
 * Paces requests so that no sliding window at the server ever holds more than its limit.
 *
 * The client cannot see when a request reaches the server, only that it happens between starting it and
 * receiving the first byte of the answer; a new connection or TLS handshake, or a busy server, can put 100 ms
 * and more between the two, and pacing by start times drew 429s from the sandbox. So request n starts only once
 * every request `limit` places before it has been answered, and a window (plus `marginMs`) after the latest of
 * those answers: any `limit + 1` requests then reach the server more than a window apart, whatever the network
 * does. The price is one round trip per window. A sliding log rather than a token bucket: a bucket of 300
 * refilled at 5/s admits 600 requests in one minute.
 */
export class RateLimiter {
  private issued = 0;
  /** Indices below this are all answered; `prefixMaxEnd[i - base]` is the latest answer among 0..i. */
  private answered = 0;
  private base = 0;
  private readonly ends: (number | undefined)[] = [];
  private readonly prefixMaxEnd: number[] = [];
  private readonly waiting = new Map<number, () => void>();
  private readonly keep: number;

  constructor(
    private readonly windows: readonly RateWindow[] = PERSONIO_RATE_WINDOWS,
    private readonly marginMs = 10,
    private readonly clock: Clock = systemClock,
  ) {
    for (const w of windows) {
      if (!Number.isInteger(w.limit) || w.limit < 1 || !(w.windowMs > 0)) {
        throw new RangeError(
          `Invalid rate window: ${w.limit} per ${w.windowMs} ms. Allowed: a whole limit >= 1 per window > 0 ms.`,
        );
      }
    }
    this.keep = Math.max(1, ...windows.map((w) => w.limit));
  }

  /** Waits for this request's turn; the returned function must be called when the answer begins (or it failed). */
  async acquire(signal?: AbortSignal): Promise<Release> {
    const index = this.issued++;
    this.ends.push(undefined);
    const release: Release = () => this.complete(index);
    try {
      for (const w of this.windows) {
        const before = index - w.limit;
        if (before < 0) continue;
        await this.answeredThrough(before, signal);
        const readyAt = (this.prefixMaxEnd[before - this.base] as number) + w.windowMs + this.marginMs;
        await this.clock.sleep(readyAt - this.clock.now(), signal);
      }
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  private answeredThrough(index: number, signal: AbortSignal | undefined): Promise<void> {
    if (index < this.answered) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal?.reason ?? new Error("aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      const previous = this.waiting.get(index);
      this.waiting.set(index, () => {
        previous?.();
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
    });
  }

  private complete(index: number): void {
    if (index < this.base || this.ends[index - this.base] !== undefined) return;
    this.ends[index - this.base] = this.clock.now();
    while (this.answered < this.issued && this.ends[this.answered - this.base] !== undefined) {
      const end = this.ends[this.answered - this.base] as number;
      const previous =
        this.answered === 0 ? -Infinity : (this.prefixMaxEnd[this.answered - 1 - this.base] ?? -Infinity);
      this.prefixMaxEnd[this.answered - this.base] = Math.max(previous, end);
      const wake = this.waiting.get(this.answered);
      this.waiting.delete(this.answered);
      this.answered++;
      wake?.();
    }
    this.trim();
  }

  /** Drops history no future request can look back to, so a long-lived client stays small. */
  private trim(): void {
    const drop = this.answered - this.base - 2 * this.keep;
    if (drop <= 0) return;
    this.ends.splice(0, drop);
    this.prefixMaxEnd.splice(0, drop);
    this.base += drop;
  }
}
