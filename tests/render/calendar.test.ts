import { toCalendarDate } from "../../src/personio/dates";
import { calendarDateIn, isAccountEnabled } from "../../src/render";
import { account, employee, renderWith } from "./fixtures";

describe("calendarDateIn", () => {
  it.each([
    ["2026-09-30T21:59:59Z", "Europe/Berlin", "2026-09-30"], // 23:59:59 CEST
    ["2026-09-30T22:00:00Z", "Europe/Berlin", "2026-10-01"], // midnight CEST
    ["2026-09-30T22:30:00Z", "Europe/Berlin", "2026-10-01"],
    ["2026-12-31T22:59:59Z", "Europe/Berlin", "2026-12-31"], // 23:59:59 CET
    ["2026-12-31T23:00:00Z", "Europe/Berlin", "2027-01-01"],
    ["2026-09-30T10:59:59Z", "Pacific/Auckland", "2026-09-30"], // 23:59:59 NZDT (+13 since Sep 27)
    ["2026-09-30T11:00:00Z", "Pacific/Auckland", "2026-10-01"],
    ["2026-09-30T11:30:00Z", "Pacific/Auckland", "2026-10-01"],
    ["2026-06-30T11:59:59Z", "Pacific/Auckland", "2026-06-30"], // 23:59:59 NZST (+12)
    ["2026-06-30T12:00:00Z", "Pacific/Auckland", "2026-07-01"],
    ["2026-09-30T23:59:59Z", "UTC", "2026-09-30"],
    ["2026-10-01T03:59:59Z", "America/New_York", "2026-09-30"],
  ])("puts %s on the calendar day of %s as %s", (instant, timeZone, expected) => {
    expect(calendarDateIn(new Date(instant), timeZone)).toBe(expected);
  });

  it("fails on an invalid instant", () => {
    expect(() => calendarDateIn(new Date("not a date"), "UTC")).toThrow(
      "calendarDateIn: the instant is not a valid date",
    );
  });

  it("fails on an unknown time zone", () => {
    expect(() => calendarDateIn(new Date("2026-09-30T00:00:00Z"), "Europe/Atlantis")).toThrow(RangeError);
  });
});

describe("isAccountEnabled", () => {
  it.each<[string | null, string, boolean]>([
    [null, "2026-11-26", true],
    ["2026-11-27", "2026-11-26", true], // leaves tomorrow
    ["2026-11-26", "2026-11-26", true], // the last day is still a working day
    ["2026-11-25", "2026-11-26", false], // left yesterday
    ["2025-12-31", "2026-01-01", false], // across a year
  ])("termination %p on %s → %p", (terminationDate, today, expected) => {
    expect(isAccountEnabled(terminationDate, today)).toBe(expected);
  });
});

describe("the whole chain: Personio date, company time zone, accountEnabled", () => {
  it.each([
    // [Personio termination_date, instant of the run, company time zone, accountEnabled]
    ["2026-09-30T00:00:00+02:00", "2026-09-30T12:00:00Z", "Europe/Berlin", true], // UTC conversion would say Sep 29
    ["2026-09-30T00:00:00+02:00", "2026-09-30T21:59:00Z", "Europe/Berlin", true], // Sep 30, 23:59 in Berlin
    ["2026-09-30T00:00:00+02:00", "2026-09-30T22:30:00Z", "Europe/Berlin", false], // Oct 1, 00:30 in Berlin
    ["2026-01-12T00:00:00+0100", "2026-01-12T22:59:00Z", "Europe/Berlin", true], // Jan 12, 23:59 CET
    ["2026-01-12T00:00:00+0100", "2026-01-12T23:00:00Z", "Europe/Berlin", false], // Jan 13, 00:00 CET
    ["2026-09-30T00:00:00+02:00", "2026-09-30T10:59:00Z", "Pacific/Auckland", true], // Sep 30, 23:59 NZDT
    ["2026-09-30T00:00:00+02:00", "2026-09-30T11:30:00Z", "Pacific/Auckland", false], // Oct 1, 00:30 NZDT
    ["2026-09-30T00:00:00+0100", "2026-09-30T11:30:00Z", "UTC", true], // still Sep 30 in UTC
  ])("termination %s, run at %s in %s → enabled %p", (termination, instant, timeZone, expected) => {
    const terminationDate = toCalendarDate(termination);
    const today = calendarDateIn(new Date(instant), timeZone);
    const result = renderWith([employee(1, { first: "Anna", last: "Ek", terminationDate })], {
      accounts: [account("obj-1", "anna.ek@example.com", "1")],
      config: { timezone: timeZone },
      today,
    });
    expect(result.users.map((user) => [user.employeeId, user.accountEnabled])).toEqual([["1", expected]]);
  });
});
