import fc from "fast-check";
import { calendarDateIn } from "../../src/render";
import { addDays } from "../../src/render/calendar";
import {
  MIDNIGHT_JITTER_MS,
  nextSlot,
  nextWake,
  startOfDay,
  type WakeInput,
} from "../../src/runner/schedule";

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe("startOfDay", () => {
  it.each([
    ["2026-11-26", "UTC", "2026-11-26T00:00:00.000Z"],
    ["2026-11-26", "Europe/Berlin", "2026-11-25T23:00:00.000Z"],
    ["2026-07-01", "Europe/Berlin", "2026-06-30T22:00:00.000Z"],
    ["2026-03-29", "Europe/Berlin", "2026-03-28T23:00:00.000Z"],
    ["2026-03-30", "Europe/Berlin", "2026-03-29T22:00:00.000Z"],
    ["2026-10-25", "Europe/Berlin", "2026-10-24T22:00:00.000Z"],
    ["2026-10-26", "Europe/Berlin", "2026-10-25T23:00:00.000Z"],
    ["2026-11-26", "Asia/Kathmandu", "2026-11-25T18:15:00.000Z"],
    // Santiago springs forward at midnight: the day begins at 01:00 local.
    ["2026-09-06", "America/Santiago", "2026-09-06T04:00:00.000Z"],
  ])("%s in %s begins at %s", (date, timeZone, expected) => {
    expect(iso(startOfDay(date, timeZone))).toBe(expected);
  });
});

describe("nextSlot", () => {
  it.each([
    ["UTC", "2026-11-26T00:00:00Z", 30, "2026-11-26T00:30:00.000Z"],
    ["UTC", "2026-11-26T00:17:00Z", 30, "2026-11-26T00:30:00.000Z"],
    ["UTC", "2026-11-26T23:45:00Z", 30, "2026-11-27T00:00:00.000Z"],
    ["Europe/Berlin", "2026-11-26T22:50:00Z", 30, "2026-11-26T23:00:00.000Z"],
    // Spring forward: 02:00 does not exist; the grid runs on in real time, 01:30 → 03:00 CEST.
    ["Europe/Berlin", "2026-03-29T00:40:00Z", 30, "2026-03-29T01:00:00.000Z"],
    // Fall back: 02:00-03:00 happens twice and both get their slots.
    ["Europe/Berlin", "2026-10-25T00:45:00Z", 30, "2026-10-25T01:00:00.000Z"],
    ["Europe/Berlin", "2026-10-25T22:40:00Z", 30, "2026-10-25T23:00:00.000Z"],
    ["Asia/Kathmandu", "2026-11-26T18:00:00Z", 30, "2026-11-26T18:15:00.000Z"],
    ["Asia/Kathmandu", "2026-11-26T18:16:00Z", 30, "2026-11-26T18:45:00.000Z"],
    // 7 minutes do not divide a day: the last slot (23:55) is cut short by midnight.
    ["UTC", "2026-11-26T23:55:00Z", 7, "2026-11-27T00:00:00.000Z"],
    ["UTC", "2026-11-26T23:54:59Z", 7, "2026-11-26T23:55:00.000Z"],
  ])("in %s at %s with %i min the next slot is %s", (timeZone, now, minutes, expected) => {
    expect(iso(nextSlot(at(now), minutes * MIN, timeZone))).toBe(expected);
  });
});

describe("nextWake", () => {
  const base: Omit<WakeInput, "now" | "startedAt"> = {
    failures: 0,
    intervalMs: 30 * MIN,
    jitterMs: 60_000,
    backoffBaseMs: MIN,
    timeZone: "Europe/Berlin",
    random: () => 0.5,
  };

  it("adds the jitter to the next slot", () => {
    const now = at("2026-11-26T10:07:00Z");
    expect(iso(nextWake({ ...base, now, startedAt: now - 2 * MIN }))).toBe("2026-11-26T10:30:30.000Z");
  });

  it("starts at once after a cycle that overran local midnight", () => {
    const now = at("2026-11-26T23:04:00Z");
    expect(nextWake({ ...base, now, startedAt: at("2026-11-26T22:58:00Z") })).toBe(now);
  });

  it("caps the midnight cycle's jitter at one minute", () => {
    const now = at("2026-11-26T22:40:00Z");
    const wake = nextWake({ ...base, jitterMs: 20 * MIN, now, startedAt: now - MIN });
    expect(iso(wake)).toBe("2026-11-26T23:00:59.999Z");
  });

  it("starts the midnight cycle instead of a backoff that would pass midnight", () => {
    const now = at("2026-11-26T22:50:00Z");
    const wake = nextWake({ ...base, failures: 5, now, startedAt: now - MIN });
    expect(iso(wake)).toBe("2026-11-26T23:00:30.000Z");
  });

  it("backs off within the day", () => {
    const now = at("2026-11-26T10:00:00Z");
    expect(iso(nextWake({ ...base, failures: 3, now, startedAt: now - MIN }))).toBe(
      "2026-11-26T10:04:00.000Z",
    );
  });
});

/** Local midnights (day starts) strictly after `from` and no later than `to`. */
function midnights(from: number, to: number, timeZone: string): number[] {
  const result: number[] = [];
  let day = calendarDateIn(new Date(from), timeZone);
  for (;;) {
    day = addDays(day, 1);
    const start = startOfDay(day, timeZone);
    if (start > to) return result;
    result.push(start);
  }
}

interface Run {
  readonly starts: number[];
  readonly ends: number[];
}

/** The loop's schedule on an injected clock: a cycle, then `nextWake`, again and again. */
function simulate(input: {
  start: number;
  until: number;
  intervalMs: number;
  jitterMs: number;
  timeZone: string;
  durations: readonly number[];
  failing: readonly boolean[];
  random: number;
}): Run {
  const starts: number[] = [];
  const ends: number[] = [];
  let now = input.start;
  let failures = 0;
  while (now < input.until) {
    const i = starts.length;
    starts.push(now);
    const end = now + (input.durations[i % input.durations.length] as number);
    ends.push(end);
    failures = input.failing[i % input.failing.length] === true ? failures + 1 : 0;
    now = nextWake({
      now: end,
      startedAt: now,
      failures,
      intervalMs: input.intervalMs,
      jitterMs: input.jitterMs,
      backoffBaseMs: Math.min(MIN, input.intervalMs),
      timeZone: input.timeZone,
      random: () => input.random,
    });
  }
  return { starts, ends };
}

describe("the loop's schedule (property)", () => {
  const windows: [string, string][] = [
    ["Europe/Berlin", "2026-03-28T00:00:00Z"], // spring forward on Sunday 29 March
    ["Europe/Berlin", "2026-10-24T00:00:00Z"], // fall back on Sunday 25 October
    ["Asia/Kathmandu", "2026-11-25T00:00:00Z"], // +05:45
    ["America/Santiago", "2026-09-05T00:00:00Z"], // midnight itself is skipped on 6 September
  ];
  const scenario = fc.record({
    window: fc.constantFrom(...windows),
    offsetMs: fc.integer({ min: 0, max: 24 * HOUR }),
    intervalMs: fc
      .oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 360 }))
      .map((m) => m * MIN),
    jitterMs: fc.integer({ min: 0, max: 60_000 }),
    random: fc.double({ min: 0, max: 0.999_999, noNaN: true }),
    // Cycles of up to a minute, some failing: the 2-minute promise holds whenever a cycle ends in time.
    durations: fc.array(fc.integer({ min: 0, max: MIN }), { minLength: 1, maxLength: 7 }),
    failing: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  });

  it("starts a cycle within 2 minutes after every local midnight, across DST and odd intervals", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const [timeZone, from] = s.window;
        const start = at(from) + s.offsetMs;
        const until = start + 3 * 24 * HOUR;
        const jitterMs = Math.min(s.jitterMs, s.intervalMs - 1);
        const run = simulate({ ...s, start, until, jitterMs, timeZone });
        for (const midnight of midnights(start, until - 2 * MIN, timeZone)) {
          const first = run.starts.find((t) => t >= midnight);
          expect(first === undefined ? "none" : first - midnight).toBeLessThan(2 * MIN);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never overlaps, and keeps successful cycles on the midnight-aligned grid", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const [timeZone, from] = s.window;
        const start = at(from) + s.offsetMs;
        const jitterMs = Math.min(s.jitterMs, s.intervalMs - 1);
        const run = simulate({
          ...s,
          failing: [false],
          start,
          until: start + 30 * HOUR,
          jitterMs,
          timeZone,
        });
        const jitters = new Set([
          Math.floor(s.random * jitterMs),
          Math.min(Math.floor(s.random * jitterMs), MIDNIGHT_JITTER_MS - 1),
        ]);
        for (let i = 1; i < run.starts.length; i++) {
          const t = run.starts[i] as number;
          expect(t).toBeGreaterThanOrEqual(run.ends[i - 1] as number);
          const onGrid = [...jitters].some((j) => {
            const slot = t - j;
            const dayStart = startOfDay(calendarDateIn(new Date(slot), timeZone), timeZone);
            return (slot - dayStart) % s.intervalMs === 0;
          });
          // The only start off the grid is the catch-up right after a cycle that overran midnight.
          expect(onGrid || t === run.ends[i - 1]).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("follows a cycle that runs past midnight at once, whatever its length", () => {
    const run = simulate({
      start: at("2026-03-28T22:40:00Z"),
      until: at("2026-03-29T00:00:00Z"),
      intervalMs: 30 * MIN,
      jitterMs: 0,
      timeZone: "Europe/Berlin",
      durations: [45 * MIN, MIN],
      failing: [false],
      random: 0,
    });
    expect(run.starts.map(iso)).toEqual([
      "2026-03-28T22:40:00.000Z",
      "2026-03-28T23:25:00.000Z",
      "2026-03-28T23:30:00.000Z",
    ]);
  });
});
