import {
  DEFAULT_RETRY,
  isRetryable,
  parseRetryAfter,
  resolveRetryOptions,
  retryDelayMs,
} from "../../src/personio/retry-policy";

describe("isRetryable", () => {
  it.each([
    [{ kind: "status", status: 429 } as const, true],
    [{ kind: "status", status: 500 } as const, true],
    [{ kind: "status", status: 502 } as const, true],
    [{ kind: "status", status: 503 } as const, true],
    [{ kind: "status", status: 501 } as const, false],
    [{ kind: "status", status: 400 } as const, false],
    [{ kind: "status", status: 404 } as const, false],
    [{ kind: "network", code: "ECONNRESET" } as const, true],
    [{ kind: "network", code: "ETIMEDOUT" } as const, true],
    [{ kind: "network", code: "ERR_BODY_TRUNCATED" } as const, true],
    [{ kind: "network", code: "ERR_BAD_RESPONSE" } as const, false],
    [{ kind: "network", code: "ABORTED" } as const, false],
    [{ kind: "network", code: "ERR_BAD_REQUEST" } as const, false],
  ])("%o → %s", (failure, expected) => {
    expect(isRetryable(failure)).toBe(expected);
  });
});

describe("retryDelayMs", () => {
  const never = (): number => 0;
  const always = (): number => 0.999999;

  it.each([
    [1, 250, 500],
    [2, 500, 1000],
    [3, 1000, 2000],
    [10, 10_000, 20_000],
  ])("backs off exponentially with jitter: retry %i waits %i–%i ms", (retry, low, high) => {
    const failure = { kind: "network", code: "ECONNRESET" } as const;
    expect(retryDelayMs(retry, failure, DEFAULT_RETRY, never)).toBe(low);
    expect(retryDelayMs(retry, failure, DEFAULT_RETRY, always)).toBe(high);
  });

  it("waits at least 1 s after a 429", () => {
    expect(retryDelayMs(1, { kind: "status", status: 429 }, DEFAULT_RETRY, never)).toBe(1000);
  });

  it("honours a longer Retry-After", () => {
    const failure = { kind: "status", status: 429, retryAfterMs: 7000 } as const;
    expect(retryDelayMs(1, failure, DEFAULT_RETRY, always)).toBe(7000);
  });

  it("does not apply the 429 floor to a 503", () => {
    expect(retryDelayMs(1, { kind: "status", status: 503 }, DEFAULT_RETRY, never)).toBe(250);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-26T10:00:00Z");
  it.each([
    ["3", 3000],
    ["0", 0],
    ["1.5", 1500],
    ["Thu, 26 Nov 2026 10:00:05 GMT", 5000],
    ["Thu, 26 Nov 2026 09:00:00 GMT", 0],
  ])("reads %p as %i ms", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([undefined, "", "soon"])("ignores %p", (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe("resolveRetryOptions", () => {
  it("fills in defaults", () => {
    expect(resolveRetryOptions({ maxAttempts: 3 })).toEqual({ ...DEFAULT_RETRY, maxAttempts: 3 });
  });

  it("fails when maxAttempts is not a whole number from 1 to 20", () => {
    expect(() => resolveRetryOptions({ maxAttempts: 0 })).toThrow(
      "Invalid retry.maxAttempts: 0. Allowed: a whole number 1-20.",
    );
  });

  it("fails when a delay is negative", () => {
    expect(() => resolveRetryOptions({ baseDelayMs: -1 })).toThrow(
      "Invalid retry.baseDelayMs: -1. Allowed: a number of milliseconds >= 0.",
    );
  });
});
