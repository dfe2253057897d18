const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RELATIVE_DATE = /^today(?:([+-])(\d{1,5}))?$/;

/** True for a real calendar date written `YYYY-MM-DD` (`2026-02-30` is not one). */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** True for the seed's relative form: `today`, `today-1`, `today+14`. */
export function isRelativeDate(value: string): boolean {
  return RELATIVE_DATE.test(value);
}

/** `date` moved by `days` calendar days: `addDays("2026-03-01", -1)` is `2026-02-28`. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Resolves `today±N` against `today`; any other value is returned unchanged. */
export function resolveRelativeDate(value: string, today: string): string {
  const match = RELATIVE_DATE.exec(value);
  if (match === null) return value;
  const days = match[2] === undefined ? 0 : Number(match[2]) * (match[1] === "-" ? -1 : 1);
  return addDays(today, days);
}

/**
 * The UTC offset of Europe/Berlin at local midnight of `date`, by the EU rule (summer time from the last
 * Sunday of March to the last Sunday of October; both switches happen after midnight).
 * Example: `berlinMidnightOffset("2026-07-01")` is `+02:00`, `berlinMidnightOffset("2026-03-29")` is `+01:00`.
 */
export function berlinMidnightOffset(date: string): "+01:00" | "+02:00" {
  const year = Number(date.slice(0, 4));
  const [summerStart, summerEnd] = summerOf(year);
  return date > summerStart && date <= summerEnd ? "+02:00" : "+01:00";
}

/** Local midnight in Berlin as Personio writes dates: `2022-01-12` → `2022-01-12T00:00:00+01:00`. */
export function toPersonioDate(date: string): string {
  return `${date}T00:00:00${berlinMidnightOffset(date)}`;
}

/** The calendar date at `now` in `timeZone`, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Validates a `today` option; throws naming the bad value. */
export function checkToday(today: string): string {
  if (!isCalendarDate(today)) {
    throw new Error(`Invalid value for today: ${JSON.stringify(today)}. Allowed: a date YYYY-MM-DD.`);
  }
  return today;
}

/** Berlin's summer time of `year`: from the last Sunday of March to the last Sunday of October (computed once). */
function summerOf(year: number): readonly [string, string] {
  let summer = summers.get(year);
  if (summer === undefined) {
    summer = [lastSunday(year, 3), lastSunday(year, 10)];
    summers.set(year, summer);
  }
  return summer;
}

const summers = new Map<number, readonly [string, string]>();

function lastSunday(year: number, month: number): string {
  const lastDay = new Date(Date.UTC(year, month, 0));
  lastDay.setUTCDate(lastDay.getUTCDate() - lastDay.getUTCDay());
  return lastDay.toISOString().slice(0, 10);
}
