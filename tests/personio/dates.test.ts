import { toCalendarDate, toInstant } from "../../src/personio/dates";

describe("toCalendarDate", () => {
  it.each([
    ["2026-09-30T00:00:00+02:00", "2026-09-30"],
    ["2026-09-30T00:00:00+0200", "2026-09-30"],
    ["2026-01-12T00:00:00+01:00", "2026-01-12"],
    ["2026-01-12T00:00:00+0100", "2026-01-12"],
    ["2026-11-26T00:00:00+13:00", "2026-11-26"],
    ["2026-11-26T00:00:00-05:00", "2026-11-26"],
    ["2026-11-26T00:00:00Z", "2026-11-26"],
    ["2026-11-26", "2026-11-26"],
    [" 2024-02-29 ", "2024-02-29"],
  ])("reads %s as the calendar date %s, never applying the offset", (input, expected) => {
    expect(toCalendarDate(input)).toBe(expected);
  });

  it.each(["2026-02-30", "2025-02-29T00:00:00+01:00", "30.09.2026", "2026-9-30", "", "tomorrow"])(
    "rejects %p",
    (input) => {
      expect(toCalendarDate(input)).toBeUndefined();
    },
  );
});

describe("toInstant", () => {
  it.each([
    ["2017-05-23T09:49:03+02:00", "2017-05-23T07:49:03.000Z"],
    ["2017-05-23T09:49:03+0200", "2017-05-23T07:49:03.000Z"],
    ["2017-05-23T09:49:03Z", "2017-05-23T09:49:03.000Z"],
    ["2017-05-23T09:49:03.250-0130", "2017-05-23T11:19:03.250Z"],
    ["2017-05-23T09:49", "2017-05-23T09:49:00.000Z"],
  ])("reads %s as %s", (input, expected) => {
    expect(toInstant(input)).toBe(expected);
  });

  it.each(["2017-05-23", "2017-13-23T09:49:03+02:00", "yesterday"])("rejects %p", (input) => {
    expect(toInstant(input)).toBeUndefined();
  });
});
