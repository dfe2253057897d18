import {
  addDays,
  berlinMidnightOffset,
  isCalendarDate,
  resolveRelativeDate,
  todayIn,
  toPersonioDate,
} from "../../src/sandbox/dates";

describe("berlinMidnightOffset", () => {
  it.each([
    ["2026-01-15", "+01:00", "winter"],
    ["2026-03-28", "+01:00", "the day before summer time"],
    ["2026-03-29", "+01:00", "the switch day: midnight is still winter time"],
    ["2026-03-30", "+02:00", "the first summer midnight"],
    ["2026-07-01", "+02:00", "summer"],
    ["2026-10-25", "+02:00", "the switch back: midnight is still summer time"],
    ["2026-10-26", "+01:00", "the first winter midnight"],
    ["2019-06-30", "+02:00", "another year's summer"],
    ["2024-03-31", "+01:00", "another year's switch day"],
  ])("is %s → %s (%s)", (date, offset) => {
    expect(berlinMidnightOffset(date)).toBe(offset);
  });
});

describe("toPersonioDate", () => {
  it.each([
    ["2022-01-12", "2022-01-12T00:00:00+01:00"],
    ["2022-08-05", "2022-08-05T00:00:00+02:00"],
  ])("writes %s as %s", (date, personio) => {
    expect(toPersonioDate(date)).toBe(personio);
  });
});

describe("resolveRelativeDate", () => {
  it.each([
    ["today", "2026-11-26"],
    ["today-1", "2026-11-25"],
    ["today+1", "2026-11-27"],
    ["today+36", "2027-01-01"],
    ["today-2000", "2021-06-05"],
    ["2019-06-30", "2019-06-30"],
  ])("resolves %s against 2026-11-26 to %s", (value, date) => {
    expect(resolveRelativeDate(value, "2026-11-26")).toBe(date);
  });
});

describe("calendar helpers", () => {
  it.each([
    ["2024-02-29", true],
    ["2026-02-29", false],
    ["2026-13-01", false],
    ["26.11.2026", false],
  ])("isCalendarDate(%s) is %s", (value, valid) => {
    expect(isCalendarDate(value)).toBe(valid);
  });

  it("adds days across months and leap years", () => {
    expect([addDays("2024-02-28", 1), addDays("2026-03-01", -1), addDays("2026-12-31", 1)]).toEqual([
      "2024-02-29",
      "2026-02-28",
      "2027-01-01",
    ]);
  });

  it("tells the date in Berlin, which is ahead of UTC", () => {
    expect(todayIn("Europe/Berlin", new Date("2026-11-25T23:30:00Z"))).toBe("2026-11-26");
    expect(todayIn("Europe/Berlin", new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
    expect(todayIn("Europe/Berlin", new Date("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
  });
});
