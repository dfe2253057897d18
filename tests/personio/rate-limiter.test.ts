import { PERSONIO_RATE_WINDOWS, RateLimiter, type RateWindow } from "../../src/personio/rate-limiter";
import { mapConcurrent } from "../../src/util/concurrency";
import { SimClock } from "../util/sim-clock";

interface Timed {
  readonly start: number;
  readonly end: number;
}

/** Sends `count` requests through a limiter, `concurrency` at a time, each answered after `latency(i)` ms. */
async function simulate(
  count: number,
  options: { windows?: readonly RateWindow[]; concurrency?: number; latency?: (i: number) => number } = {},
): Promise<Timed[]> {
  const clock = new SimClock();
  const limiter = new RateLimiter(options.windows ?? PERSONIO_RATE_WINDOWS, 0, clock);
  const indices = Array.from({ length: count }, (_, i) => i);
  return clock.run(
    mapConcurrent(indices, options.concurrency ?? 100, async (i) => {
      const release = await limiter.acquire();
      const start = clock.now();
      await clock.sleep(options.latency?.(i) ?? 50);
      release();
      return { start, end: clock.now() };
    }),
  );
}

/** The most requests whose server arrival could fall into one window, taking the worst arrival in [start, end]. */
function worstWindow(requests: readonly Timed[], windowMs: number): number {
  return Math.max(
    ...requests.map((r) => requests.filter((o) => o.end >= r.start && o.start < r.start + windowMs).length),
  );
}

describe("RateLimiter", () => {
  it("lets a burst of 15 start at once, then the next 15 a second after their answers", async () => {
    const requests = await simulate(46);
    const starts = requests.map((r) => r.start);
    expect(starts.slice(0, 15)).toEqual(Array(15).fill(0));
    expect(starts.slice(15, 30)).toEqual(Array(15).fill(1050));
    expect(starts.slice(30, 45)).toEqual(Array(15).fill(2100));
    expect(starts[45]).toBe(3150);
  });

  it("keeps at most 15 per second and 300 per minute at the server, wherever arrivals fall", async () => {
    const requests = await simulate(400);
    expect(requests[299]?.start).toBe(19 * 1050);
    expect(requests[300]?.start).toBe(60_050);
    const firstMinute = requests.filter((r) => r.start < 60_000);
    expect(firstMinute).toHaveLength(300);
    for (let i = 15; i < requests.length; i++) {
      expect((requests[i] as Timed).start).toBeGreaterThanOrEqual((requests[i - 15] as Timed).end + 1000);
    }
  });

  it("holds the window open while an earlier request is still unanswered", async () => {
    const requests = await simulate(16, { latency: (i) => (i === 0 ? 500 : 50) });
    expect(requests[15]?.start).toBe(1500);
  });

  it("never lets more requests than the limit overlap one window, with uneven latencies", async () => {
    const requests = await simulate(200, {
      windows: [{ limit: 5, windowMs: 200 }],
      concurrency: 7,
      latency: (i) => 10 + ((i * 37) % 90),
    });
    expect(worstWindow(requests, 200)).toBeLessThanOrEqual(5);
  });

  it("releases the turn of a request whose wait is aborted", async () => {
    const clock = new SimClock();
    const limiter = new RateLimiter([{ limit: 1, windowMs: 1000 }], 0, clock);
    const first = await limiter.acquire();
    const controller = new AbortController();
    const second = limiter.acquire(controller.signal);
    controller.abort();
    await expect(second).rejects.toBeDefined();
    first();
    const third = await clock.run(limiter.acquire());
    third();
    expect(clock.now()).toBe(1000);
  });

  it("fails when a window is not a positive whole limit", () => {
    expect(() => new RateLimiter([{ limit: 0, windowMs: 1000 }])).toThrow(
      "Invalid rate window: 0 per 1000 ms. Allowed: a whole limit >= 1 per window > 0 ms.",
    );
  });
});
