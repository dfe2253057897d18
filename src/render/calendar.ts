import type { CalendarDate } from "../personio/dates";

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date an instant falls on in an IANA time zone; the program calls it once, at the edge, to
 * get "today" in the company time zone.
 * @example calendarDateIn(new Date("2026-09-30T22:30:00Z"), "Europe/Berlin") === "2026-10-01"
 */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  if (Number.isNaN(instant.getTime()))
    throw new RangeError("calendarDateIn: the instant is not a valid date");
  const parts = zonedFormatter(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/**
 * Whether an account is enabled on `today`: the termination date is the last working day, so the account is
 * disabled from the day after it.
 * @example isAccountEnabled("2026-09-30", "2026-09-30") === true; isAccountEnabled("2026-09-30", "2026-10-01") === false
 */
export function isAccountEnabled(terminationDate: CalendarDate | null, today: CalendarDate): boolean {
  // YYYY-MM-DD strings order like the dates they name.
  return terminationDate === null || today <= terminationDate;
}

/** Whether the termination date has passed on `today` (the day after it or later). */
export function hasLeft(terminationDate: CalendarDate | null, today: CalendarDate): boolean {
  return !isAccountEnabled(terminationDate, today);
}

/**
 * `date` moved by `days` calendar days.
 * @example addDays("2026-03-01", -1) === "2026-02-28"
 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The one formatter per time zone that both the calendar date and the zone's offset are read from: year to
 * second, 24-hour, Gregorian, Latin digits (plain ASCII numbers in any locale setup).
 */
export function zonedFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
