import { PERSONIO_RATE_WINDOWS, RateLimiter } from "../../src/personio/rate-limiter";
import { FakeClock } from "../util/fake-clock";

/** The largest number of slots in any window of `windowMs` starting at a slot. */
function peak(slots: readonly number[], windowMs: number): number {
  return Math.max(...slots.map((start) => slots.filter((s) => s >= start && s < start + windowMs).length));
}

describe("RateLimiter", () => {
  it("lets a burst of 15 start at once, then 15 per second", () => {
    const limiter = new RateLimiter(PERSONIO_RATE_WINDOWS, 0, new FakeClock());
    const slots = Array.from({ length: 46 }, () => limiter.reserve());
    expect(slots.slice(0, 15)).toEqual(Array(15).fill(0));
    expect(slots.slice(15, 30)).toEqual(Array(15).fill(1000));
    expect(slots.slice(30, 45)).toEqual(Array(15).fill(2000));
    expect(slots[45]).toBe(3000);
  });

  it("never admits more than 15 in any second or 300 in any minute", () => {
    const limiter = new RateLimiter(PERSONIO_RATE_WINDOWS, 0, new FakeClock());
    const slots = Array.from({ length: 700 }, () => limiter.reserve());
    expect(peak(slots, 1000)).toBe(15);
    expect(peak(slots, 60_000)).toBe(300);
    expect(slots[299]).toBe(19_000);
    expect(slots[300]).toBe(60_000);
  });

  it("widens each window by the margin", () => {
    const limiter = new RateLimiter([{ limit: 2, windowMs: 1000 }], 50, new FakeClock());
    expect(Array.from({ length: 5 }, () => limiter.reserve())).toEqual([0, 0, 1050, 1050, 2100]);
  });

  it("waits on the clock until the reserved slot", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter([{ limit: 1, windowMs: 1000 }], 0, clock);
    await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    expect(clock.now()).toBe(2000);
  });

  it("fails when a window is not a positive whole limit", () => {
    expect(() => new RateLimiter([{ limit: 0, windowMs: 1000 }])).toThrow(
      "Invalid rate window: 0 per 1000 ms. Allowed: a whole limit >= 1 per window > 0 ms.",
    );
  });
});
