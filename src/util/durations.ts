/** Durations both ways: a flag's text to milliseconds, and milliseconds to words for people. */

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The longest delay Node's timers hold (2^31−1 ms, about 24.8 d): setTimeout runs a longer one after 1 ms. */
export const NODE_TIMER_MAX_MS = 2 ** 31 - 1;

/**
 * Parses `30m`, `90s`, `1h`, `1d`, `250ms`, a bare `0` (or `never` where allowed) into milliseconds; undefined
 * when invalid. Any other number needs its unit: `30` is invalid.
 */
export function parseDuration(text: string, allowNever = false): number | undefined {
  if (allowNever && text === "never") return Infinity;
  const trimmed = text.trim();
  if (trimmed === "0") return 0;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(trimmed);
  if (match === null) return undefined;
  const value = Number(match[1]) * (UNITS[match[2] as string] as number);
  return Number.isFinite(value) ? value : undefined;
}

/** What a duration may be: at most `max` (a duration text such as `24d`), 0 only if `zero`, `never` only if `never`. */
export interface DurationLimits {
  readonly max: string;
  readonly zero?: boolean;
  readonly never?: boolean;
}

/**
 * {@link parseDuration} held to `limits`: undefined when invalid, 0 where 0 is not allowed, or above the maximum.
 * @example boundedDuration("30d", { max: "24d" }) === undefined
 */
export function boundedDuration(text: string, limits: DurationLimits): number | undefined {
  const ms = parseDuration(text, limits.never === true);
  if (ms === undefined || ms === Infinity) return ms;
  if (ms === 0 && limits.zero !== true) return undefined;
  return ms <= (parseDuration(limits.max) ?? 0) ? ms : undefined;
}

/** The limits in words, for an error's "Allowed:" part: `a duration above 0 up to 24d, such as 90s, 30m, 1h or 1d`. */
export function describeLimits(limits: DurationLimits): string {
  const least = limits.zero === true ? "from 0" : "above 0";
  return `a duration ${least} up to ${limits.max}, such as 90s, 30m, 1h or 1d${limits.never === true ? ", or never" : ""}`;
}

/** A duration for people: `3 s`, `25 min`, `2 h 5 min`, `1 d 3 h`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
