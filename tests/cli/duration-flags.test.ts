import { DURATION_FLAGS, durationFlag } from "../../src/cli/duration-flags";
import { CommandError } from "../../src/cli/io";
import { NODE_TIMER_MAX_MS, parseDuration } from "../../src/util/durations";

describe("duration flags", () => {
  it.each(["interval", "jitter", "grace", "cycle-timeout", "debounce"] as const)(
    "--%s, which a timer waits for, stops at 24 d, under Node's timer limit",
    (flag) => {
      expect(DURATION_FLAGS[flag].limits.max).toBe("24d");
      expect(parseDuration(DURATION_FLAGS[flag].limits.max)).toBeLessThanOrEqual(NODE_TIMER_MAX_MS);
    },
  );

  it.each(["refresh-every", "max-lock-age", "max-staleness"] as const)(
    "--%s, only compared with an age, stops at 365 d",
    (flag) => {
      expect(DURATION_FLAGS[flag].limits.max).toBe("365d");
    },
  );

  it.each([
    ["interval", 1_800_000],
    ["jitter", 60_000],
    ["grace", 300_000],
    ["cycle-timeout", 1_500_000],
    ["refresh-every", 86_400_000],
    ["max-lock-age", 7_200_000],
    ["max-staleness", 10_800_000],
    ["debounce", 30_000],
    ["check-deadline", 20_000],
  ] as const)("--%s defaults to %d ms", (flag, ms) => {
    expect(durationFlag({}, flag)).toBe(ms);
  });

  it.each([
    ["jitter", "0", 0],
    ["jitter", "0s", 0],
    ["debounce", "0", 0],
    ["cycle-timeout", "24d", 2_073_600_000],
    ["max-lock-age", "365d", 31_536_000_000],
    ["refresh-every", "never", Infinity],
    ["check-deadline", "5m", 300_000],
  ] as const)("--%s %s is %d ms", (flag, text, ms) => {
    expect(durationFlag({ [flag]: text }, flag)).toBe(ms);
  });

  it("fails with exit 2 naming the flag, the value and the limits", () => {
    expect(() => durationFlag({ "cycle-timeout": "30d" }, "cycle-timeout")).toThrow(
      new CommandError(
        'Invalid value for --cycle-timeout: "30d". Allowed: a duration above 0 up to 24d, such as 90s, 30m, 1h or 1d.',
        2,
      ),
    );
    try {
      durationFlag({ "cycle-timeout": "30d" }, "cycle-timeout");
    } catch (error) {
      expect((error as CommandError).exitCode).toBe(2);
    }
  });
});
