import type { CalendarDate } from "../personio/dates";
import { zonedFormatter } from "./calendar";

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time of a calendar date happens in an IANA time zone ("the instant a day starts"
 * with `00:00`). A time the clocks skip (spring forward) is read with the offset before the change, so it moves
 * forward as a clock would; a time they repeat (fall back) is its first occurrence.
 * @example instantIn("2026-10-01", "00:00", "Europe/Berlin").toISOString() === "2026-09-30T22:00:00.000Z"
 * @example instantIn("2026-03-29", "02:30", "Europe/Berlin").toISOString() === "2026-03-29T01:30:00.000Z" (03:30 CEST)
 */
export function instantIn(date: CalendarDate, time: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wall)) throw new RangeError(`instantIn: not a date and time: ${date} ${time}`);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const exact = [wall - before, wall - after].filter(
    (instant) => instant + offsetAt(instant, timeZone) === wall,
  );
  return new Date(exact.length === 0 ? wall - before : Math.min(...exact));
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +7,200,000). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = zonedFormatter(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}
