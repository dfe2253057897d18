import { instantIn } from "../../src/render/zoned-time";

describe("instantIn", () => {
  it.each([
    ["2026-10-01", "00:00", "Europe/Berlin", "2026-09-30T22:00:00.000Z"],
    ["2026-12-01", "00:00", "Europe/Berlin", "2026-11-30T23:00:00.000Z"],
    ["2026-12-01", "07:00", "Europe/Berlin", "2026-12-01T06:00:00.000Z"],
    ["2026-03-29", "00:00", "Europe/Berlin", "2026-03-28T23:00:00.000Z"],
    ["2026-03-29", "07:00", "Europe/Berlin", "2026-03-29T05:00:00.000Z"],
    ["2026-03-29", "02:30", "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
    ["2026-10-25", "00:00", "Europe/Berlin", "2026-10-24T22:00:00.000Z"],
    ["2026-10-25", "02:30", "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
    ["2026-10-25", "07:00", "Europe/Berlin", "2026-10-25T06:00:00.000Z"],
    ["2026-10-01", "00:00", "UTC", "2026-10-01T00:00:00.000Z"],
    ["2026-07-01", "23:59", "America/New_York", "2026-07-02T03:59:00.000Z"],
    ["2026-07-01", "00:00", "Asia/Kolkata", "2026-06-30T18:30:00.000Z"],
    ["2026-01-01", "00:00", "Pacific/Kiritimati", "2025-12-31T10:00:00.000Z"],
    // Santiago skips midnight when summer time starts: the day begins at 01:00.
    ["2026-09-06", "00:00", "America/Santiago", "2026-09-06T04:00:00.000Z"],
  ])("%s %s in %s is %s", (date, time, zone, expected) => {
    expect(instantIn(date, time, zone).toISOString()).toBe(expected);
  });

  it("fails on a date that is not one", () => {
    expect(() => instantIn("2026-xx-01", "00:00", "UTC")).toThrow(
      new RangeError("instantIn: not a date and time: 2026-xx-01 00:00"),
    );
  });
});
