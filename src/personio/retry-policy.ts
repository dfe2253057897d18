/** How often and how patiently failed requests are retried. */
export interface RetryOptions {
  /** Attempts per request, the first included. Default 5. */
  readonly maxAttempts?: number;
  /** Backoff before the first retry; doubles per retry. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound of one backoff (not of a server's Retry-After). Default 20 s. */
  readonly maxDelayMs?: number;
  /** The least wait after a 429, as Personio asks. Default 1000 ms. */
  readonly minDelayAfter429Ms?: number;
  /** The longest Retry-After honoured; a longer one fails the request instead of stalling the run. Default 120 s. */
  readonly maxRetryAfterMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  minDelayAfter429Ms: 1_000,
  maxRetryAfterMs: 120_000,
};

/** What a failed attempt looked like, as far as retrying is concerned. */
export type AttemptFailure =
  | { readonly kind: "status"; readonly status: number; readonly retryAfterMs?: number }
  | { readonly kind: "network"; readonly code: string };

/** The code of a response whose body ended before its Content-Length or final chunk: retried like a reset. */
export const BODY_TRUNCATED = "ERR_BODY_TRUNCATED";

const RETRIED_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
  BODY_TRUNCATED,
]);

/** Only throttling, server errors and transport failures are worth another attempt. */
export function isRetryable(failure: AttemptFailure): boolean {
  if (failure.kind === "network") return RETRIED_NETWORK_CODES.has(failure.code);
  return failure.status === 429 || (failure.status >= 500 && failure.status !== 501);
}

/**
 * The wait before retry number `retry` (1 for the first retry): exponential backoff with equal jitter,
 * at least `minDelayAfter429Ms` after a 429, and never shorter than the server's Retry-After.
 */
export function retryDelayMs(
  retry: number,
  failure: AttemptFailure,
  options: ResolvedRetryOptions,
  random: () => number,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  if (failure.kind !== "status") return Math.round(jittered);
  const floor = failure.status === 429 ? options.minDelayAfter429Ms : 0;
  return Math.round(Math.max(jittered, floor, failure.retryAfterMs ?? 0));
}

/** Parses a Retry-After header (delta seconds or an HTTP date) into milliseconds from `nowEpochMs`. */
export function parseRetryAfter(header: string | undefined, nowEpochMs: number): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowEpochMs);
}

/** Validates user-supplied retry options; errors name the option, the value and what is allowed. */
export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  const resolved = { ...DEFAULT_RETRY, ...options };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1 || resolved.maxAttempts > 20) {
    throw new RangeError(`Invalid retry.maxAttempts: ${resolved.maxAttempts}. Allowed: a whole number 1-20.`);
  }
  for (const key of ["baseDelayMs", "maxDelayMs", "minDelayAfter429Ms", "maxRetryAfterMs"] as const) {
    const value = resolved[key];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`Invalid retry.${key}: ${value}. Allowed: a number of milliseconds >= 0.`);
    }
  }
  return resolved;
}
