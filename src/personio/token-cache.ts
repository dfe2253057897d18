import { type Clock } from "../util/clock";
import { NetworkError } from "./transport";

/** A bearer token and when it stops being worth using (monotonic ms). */
interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** One authentication in flight, the callers waiting for it, and how to cancel it once none is left. */
interface Renewal {
  readonly token: Promise<string>;
  readonly cancel: AbortController;
  waiters: number;
}

/** Fetches a token; `signal` aborts the authentication request, its pacing and its backoff. */
export type Authenticate = (signal: AbortSignal) => Promise<{ token: string; expiresInSeconds: number }>;

/**
 * Holds one token for its lifetime and shares a single in-flight authentication between concurrent callers,
 * so a listing authenticates once, not once per page (Personio allows 60 auth requests a minute).
 */
export class TokenCache {
  private cached: CachedToken | undefined;
  private pending: Renewal | undefined;

  constructor(
    private readonly authenticate: Authenticate,
    private readonly clock: Clock,
    /** Renew this long before expiry so a token never expires mid-listing. */
    private readonly earlyRenewalMs = 60_000,
  ) {}

  /**
   * The cached token, or a fresh one when there is none or it is about to expire. A caller whose `signal`
   * aborts stops waiting at once (`NetworkError` `ABORTED`); the shared authentication is cancelled when no
   * caller waits for it any more, so a token endpoint that never answers holds up no aborted listing.
   */
  async get(signal?: AbortSignal): Promise<string> {
    if (this.cached !== undefined && this.clock.now() < this.cached.expiresAt) return this.cached.token;
    if (signal?.aborted === true) throw new NetworkError("ABORTED");
    const renewal = (this.pending ??= this.renew());
    renewal.waiters++;
    let left = false;
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        left = true;
        this.leave(renewal);
        reject(new NetworkError("ABORTED"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([renewal.token, aborted]);
    } finally {
      if (!left) renewal.waiters--;
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Forgets `token` after a 401, unless another caller already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private renew(): Renewal {
    const cancel = new AbortController();
    const renewal: Renewal = { token: this.fetchToken(cancel.signal), cancel, waiters: 0 };
    // Every waiter handles the outcome; this keeps a renewal that all of them left from rejecting unhandled.
    renewal.token.catch(() => undefined);
    return renewal;
  }

  private async fetchToken(signal: AbortSignal): Promise<string> {
    try {
      const { token, expiresInSeconds } = await this.authenticate(signal);
      const lifetimeMs = expiresInSeconds * 1000;
      const lifetime = Math.max(lifetimeMs - this.earlyRenewalMs, lifetimeMs / 2);
      this.cached = { token, expiresAt: this.clock.now() + lifetime };
      return token;
    } finally {
      if (this.pending?.cancel.signal === signal) this.pending = undefined;
    }
  }

  /** An aborted caller leaves; the last one to leave cancels the authentication, and the next caller starts anew. */
  private leave(renewal: Renewal): void {
    renewal.waiters--;
    if (renewal.waiters > 0) return;
    if (this.pending === renewal) this.pending = undefined;
    renewal.cancel.abort();
  }
}
