import { type Clock } from "../util/clock";

/** A bearer token and when it stops being worth using (monotonic ms). */
interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Holds one token for its lifetime and shares a single in-flight authentication between concurrent callers,
 * so a listing authenticates once, not once per page (Personio allows 60 auth requests a minute).
 */
export class TokenCache {
  private cached: CachedToken | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly authenticate: () => Promise<{ token: string; expiresInSeconds: number }>,
    private readonly clock: Clock,
    /** Renew this long before expiry so a token never expires mid-listing. */
    private readonly earlyRenewalMs = 60_000,
  ) {}

  /** The cached token, or a fresh one when there is none or it is about to expire. */
  async get(): Promise<string> {
    if (this.cached !== undefined && this.clock.now() < this.cached.expiresAt) return this.cached.token;
    this.pending ??= this.renew();
    return this.pending;
  }

  /** Forgets `token` after a 401, unless another caller already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async renew(): Promise<string> {
    try {
      const { token, expiresInSeconds } = await this.authenticate();
      const lifetimeMs = expiresInSeconds * 1000;
      const lifetime = Math.max(lifetimeMs - this.earlyRenewalMs, lifetimeMs / 2);
      this.cached = { token, expiresAt: this.clock.now() + lifetime };
      return token;
    } finally {
      this.pending = undefined;
    }
  }
}
