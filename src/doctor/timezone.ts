import { addDays, calendarDateIn } from "../render/calendar";
import { instantIn } from "../render/zoned-time";
import type { CheckResult } from "./check";

/**
 * The company time zone: valid, and when its next midnight is (the day a termination date ends and accounts
 * are disabled). A warning when the stack file leaves it at the default UTC.
 * @example checkTimeZone("Europe/Berlin", true, new Date("2026-12-04T22:30:00Z")).detail
 *   === "Europe/Berlin: today is 2026-12-04 there; local midnight is 2026-12-04T23:00:00Z, in 30 min."
 */
export function checkTimeZone(timeZone: string, set: boolean, now: Date): CheckResult {
  const name = "time zone";
  let today: string;
  try {
    today = calendarDateIn(now, timeZone);
  } catch {
    return {
      name,
      status: "fail",
      detail: `${JSON.stringify(timeZone)} is not an IANA time zone.`,
      fix: "set personio-azuread:timezone to a zone such as Europe/Berlin.",
    };
  }
  const midnight = instantIn(addDays(today, 1), "00:00", timeZone);
  const minutes = Math.round((midnight.getTime() - now.getTime()) / 60_000);
  const wait = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  const at = midnight.toISOString().replace(".000Z", "Z");
  const detail = `${timeZone}: today is ${today} there; local midnight is ${at}, in ${wait}.`;
  if (set) return { name, status: "ok", detail };
  return {
    name,
    status: "warn",
    detail: `${detail} (the default: personio-azuread:timezone is not set)`,
    fix: "set personio-azuread:timezone to the company's zone unless it is UTC.",
  };
}
