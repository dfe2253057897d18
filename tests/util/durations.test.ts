import {
  boundedDuration,
  describeLimits,
  formatDuration,
  NODE_TIMER_MAX_MS,
  parseDuration,
} from "../../src/util/durations";

describe("parseDuration", () => {
  it.each([
    ["250ms", 250],
    ["90s", 90_000],
    ["30m", 1_800_000],
    ["1.5h", 5_400_000],
    ["1d", 86_400_000],
    ["0", 0],
    ["0s", 0],
    ["30d", 2_592_000_000],
  ])("reads %s as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", " ", "30", "00", "-0", "m", "-5m", "-1", "0x1", "0x1s", "1e3s", "5 min", "1w", "Infinity"])(
    "fails on %j",
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it("reads never only where allowed", () => {
    expect(parseDuration("never", true)).toBe(Infinity);
    expect(parseDuration("never")).toBeUndefined();
  });
});

describe("boundedDuration", () => {
  it.each([
    ["24d", { max: "24d" }, 2_073_600_000],
    ["1ms", { max: "24d" }, 1],
    ["0", { max: "24d", zero: true }, 0],
    ["0s", { max: "24d", zero: true }, 0],
    ["365d", { max: "365d" }, 31_536_000_000],
    ["never", { max: "365d", never: true }, Infinity],
  ])("allows %s within %j as %d ms", (text, limits, ms) => {
    expect(boundedDuration(text, limits)).toBe(ms);
  });

  it.each([
    ["25d", { max: "24d" }],
    ["24.0001d", { max: "24d" }],
    ["30d", { max: "24d" }],
    ["0", { max: "24d" }],
    ["0s", { max: "24d" }],
    ["366d", { max: "365d" }],
    ["never", { max: "365d" }],
    ["30", { max: "24d", zero: true }],
    ["", { max: "24d", zero: true }],
  ])("refuses %j within %j", (text, limits) => {
    expect(boundedDuration(text, limits)).toBeUndefined();
  });

  it("knows Node's timer limit, 2^31-1 ms: 24 d stays under it, 25 d passes it", () => {
    expect(NODE_TIMER_MAX_MS).toBe(2_147_483_647);
    expect(parseDuration("24d")).toBeLessThanOrEqual(NODE_TIMER_MAX_MS);
    expect(parseDuration("25d")).toBeGreaterThan(NODE_TIMER_MAX_MS);
  });

  it.each([
    [{ max: "24d" }, "a duration above 0 up to 24d, such as 90s, 30m, 1h or 1d"],
    [{ max: "24d", zero: true }, "a duration from 0 up to 24d, such as 90s, 30m, 1h or 1d"],
    [{ max: "365d", never: true }, "a duration above 0 up to 365d, such as 90s, 30m, 1h or 1d, or never"],
  ])("describes %j as %s", (limits, text) => {
    expect(describeLimits(limits)).toBe(text);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [59_400, "59 s"],
    [25 * 60_000, "25 min"],
    [2 * 3_600_000, "2 h"],
    [2 * 3_600_000 + 5 * 60_000, "2 h 5 min"],
    [86_400_000, "1 d"],
    [27 * 3_600_000, "1 d 3 h"],
  ])("says %d ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
