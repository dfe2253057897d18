/**
 * A token bucket on an injected monotonic clock: `capacity` requests at once, refilled at `perSecond`.
 * @example new TokenBucket(2, 1, now): three takes in one instant give true, true, false
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Webhook deliveries handled at once, and per second after that; the excess is answered 429 and retried. */
export const WEBHOOK_RATE = { capacity: 200, perSecond: 100 } as const;
