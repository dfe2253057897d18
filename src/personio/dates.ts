import { z } from "zod";

/** A calendar date, `YYYY-MM-DD`, with no time and no offset. */
export type CalendarDate = string;

/** A {@link CalendarDate} where it crosses a boundary (a snapshot file, an employee record). */
export const CalendarDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The calendar date Personio means: `2026-09-30T00:00:00+02:00` and `2026-09-30T00:00:00+0100` are Sep 30.
 * The offset is never applied — converting to UTC first would move the date a day back.
 * Returns undefined for anything that is not a valid date.
 */
export function toCalendarDate(value: string): CalendarDate | undefined {
  const trimmed = value.trim();
  const date = DATE.test(trimmed) ? trimmed : DATE_TIME.exec(trimmed)?.[1];
  return date !== undefined && isRealDate(date) ? date : undefined;
}

/**
 * An instant in ISO 8601 UTC (`2017-05-23T07:49:03.000Z`), from Personio's `+02:00`, `+0200` or `Z` forms.
 * A date-time without an offset is read as UTC. Returns undefined when it is not a valid instant.
 */
export function toInstant(value: string): string | undefined {
  const match = DATE_TIME.exec(value.trim());
  if (match === null || !isRealDate(match[1] as string)) return undefined;
  const [, date, hh, mm, ss = "00", fraction = "", zone = "Z"] = match;
  const offset = zone === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const epoch = Date.parse(`${date}T${hh}:${mm}:${ss}${fraction}${offset}`);
  return Number.isNaN(epoch) ? undefined : new Date(epoch).toISOString();
}

function isRealDate(date: string): boolean {
  const match = DATE.exec(date);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
