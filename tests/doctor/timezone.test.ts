import { checkTimeZone } from "../../src/doctor/timezone";

describe("checkTimeZone", () => {
  it.each([
    [
      "Europe/Berlin",
      "2026-12-04T22:30:00Z",
      "Europe/Berlin: today is 2026-12-04 there; local midnight is 2026-12-04T23:00:00Z, in 30 min.",
    ],
    [
      "Europe/Berlin",
      "2026-12-04T23:00:00Z",
      "Europe/Berlin: today is 2026-12-05 there; local midnight is 2026-12-05T23:00:00Z, in 24 h 0 min.",
    ],
    [
      "Europe/Berlin",
      "2026-03-28T12:00:00Z",
      "Europe/Berlin: today is 2026-03-28 there; local midnight is 2026-03-28T23:00:00Z, in 11 h 0 min.",
    ],
    [
      "Europe/Berlin",
      "2026-03-29T12:00:00Z",
      "Europe/Berlin: today is 2026-03-29 there; local midnight is 2026-03-29T22:00:00Z, in 10 h 0 min.",
    ],
    [
      "America/New_York",
      "2026-06-01T03:59:00Z",
      "America/New_York: today is 2026-05-31 there; local midnight is 2026-06-01T04:00:00Z, in 1 min.",
    ],
    [
      "Asia/Kolkata",
      "2026-06-01T12:00:00Z",
      "Asia/Kolkata: today is 2026-06-01 there; local midnight is 2026-06-01T18:30:00Z, in 6 h 30 min.",
    ],
  ])("says when the day turns in %s at %s", (zone, now, detail) => {
    expect(checkTimeZone(zone, true, new Date(now))).toEqual({ name: "time zone", status: "ok", detail });
  });

  it("warns when the stack file leaves the zone at the default UTC", () => {
    expect(checkTimeZone("UTC", false, new Date("2026-06-01T12:00:00Z"))).toEqual({
      name: "time zone",
      status: "warn",
      detail:
        "UTC: today is 2026-06-01 there; local midnight is 2026-06-02T00:00:00Z, in 12 h 0 min. (the default: " +
        "personio-azuread:timezone is not set)",
      fix: "set personio-azuread:timezone to the company's zone unless it is UTC.",
    });
  });

  it("fails on a zone that is not IANA", () => {
    expect(checkTimeZone("Mars/Olympus", true, new Date(0))).toEqual({
      name: "time zone",
      status: "fail",
      detail: '"Mars/Olympus" is not an IANA time zone.',
      fix: "set personio-azuread:timezone to a zone such as Europe/Berlin.",
    });
  });
});
