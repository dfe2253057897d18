import type { CalendarDate } from "../personio/dates";
import { addDays, calendarDateIn } from "../render/calendar";

/** The most jitter a midnight cycle gets, so that it starts within 2 minutes of local midnight. */
export const MIDNIGHT_JITTER_MS = 60_000;

const SECOND = 1_000;
const HOUR = 3_600_000;
const dayStarts = new Map<string, number>();

/**
 * The first instant (epoch ms) of a calendar day in an IANA time zone: its 00:00, or the end of a DST gap that
 * swallows midnight (America/Santiago springs from 00:00 to 01:00).
 * @example startOfDay("2026-03-29", "Europe/Berlin") === Date.parse("2026-03-28T23:00:00Z")
 */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  const key = `${timeZone} ${date}`;
  const cached = dayStarts.get(key);
  if (cached !== undefined) return cached;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(year, month - 1, day);
  // UTC offsets lie within -12 h and +14 h and change on whole seconds: search the second the date begins.
  let before = (utcMidnight - 15 * HOUR) / SECOND;
  let from = (utcMidnight + 13 * HOUR) / SECOND;
  while (from - before > 1) {
    const middle = Math.floor((before + from) / 2);
    if (calendarDateIn(new Date(middle * SECOND), timeZone) >= date) from = middle;
    else before = middle;
  }
  const start = from * SECOND;
  dayStarts.set(key, start);
  return start;
}

/**
 * The next slot strictly after `now` (epoch ms) on a grid that restarts at every local midnight:
 * 00:00 + k × interval, the last slot of a day cut short by the next midnight. So cycles never drift, an
 * overrunning cycle skips the slots it missed, and a cycle is due at every midnight — also on 23- and 25-hour
 * DST days and for intervals that do not divide a day.
 * @example nextSlot(at("2026-03-29T01:59+01:00"), 30 min, "Europe/Berlin") is 03:00+02:00 (02:00 does not exist)
 */
export function nextSlot(now: number, intervalMs: number, timeZone: string): number {
  const today = calendarDateIn(new Date(now), timeZone);
  const start = startOfDay(today, timeZone);
  const tomorrow = startOfDay(addDays(today, 1), timeZone);
  if (now < start) return start;
  return Math.min(start + (Math.floor((now - start) / intervalMs) + 1) * intervalMs, tomorrow);
}

/** The wait before retrying after `failures` consecutive failures: doubling from `baseMs`, never past the interval. */
export function backoffMs(failures: number, baseMs: number, intervalMs: number): number {
  return Math.min(intervalMs, baseMs * 2 ** Math.max(0, failures - 1));
}

/** What the loop knows when a cycle has ended. Times are wall-clock epoch ms. */
export interface WakeInput {
  /** When the cycle ended. */
  readonly now: number;
  /** When it started. */
  readonly startedAt: number;
  /** Consecutive failed cycles, this one included. */
  readonly failures: number;
  readonly intervalMs: number;
  readonly jitterMs: number;
  readonly backoffBaseMs: number;
  /** The company time zone whose midnights the grid follows. */
  readonly timeZone: string;
  readonly random: () => number;
}

/**
 * When the next cycle starts (epoch ms): the next {@link nextSlot} plus up to `jitterMs`; after a failure, the
 * backoff. Midnight is never missed: a midnight cycle gets at most {@link MIDNIGHT_JITTER_MS} of jitter, a
 * backoff or jitter that would pass midnight starts the midnight cycle instead, and a cycle that overran a
 * midnight is followed at once by the next. So a cycle starts within 2 minutes after every local midnight
 * unless the cycle running then takes longer; then the next starts the moment it ends.
 */
export function nextWake(input: WakeInput): number {
  const { now, timeZone } = input;
  const today = calendarDateIn(new Date(now), timeZone);
  if (input.startedAt < startOfDay(today, timeZone)) return now;
  const midnight = startOfDay(addDays(today, 1), timeZone);
  const jitter = Math.floor(input.random() * input.jitterMs);
  const atMidnight = midnight + Math.min(jitter, MIDNIGHT_JITTER_MS - 1);
  const wake =
    input.failures > 0
      ? now + backoffMs(input.failures, input.backoffBaseMs, input.intervalMs)
      : nextSlot(now, input.intervalMs, timeZone) + jitter;
  return wake < midnight ? wake : atMidnight;
}
