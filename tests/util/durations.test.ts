import { formatDuration, parseDuration } from "../../src/util/durations";

describe("parseDuration", () => {
  it.each([
    ["250ms", 250],
    ["90s", 90_000],
    ["30m", 1_800_000],
    ["1.5h", 5_400_000],
    ["1d", 86_400_000],
  ])("reads %s as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "30", "m", "-5m", "5 min", "1w"])("fails on %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it("reads never only where allowed", () => {
    expect(parseDuration("never", true)).toBe(Infinity);
    expect(parseDuration("never")).toBeUndefined();
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
