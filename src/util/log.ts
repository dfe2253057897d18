import { PATTERN_REDACTOR, type Redactor } from "./known-names";

/** Fields of a log line: counts, durations, names of things — never personal data. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** One line per event. */
export type Logger = (level: "info" | "warn" | "error", event: string, fields?: LogFields) => void;

/**
 * A logger writing one line per event to `write`: `2026-11-26T10:00:00.000Z info cycle.applied creates=3`, or
 * with `json` one JSON object per line for log shippers. The event and every string value pass through `redactor`
 * first (the cycle's knowledge of names and logins; by default the patterns alone), so that a reason quoting a
 * person's name or login leaves as `[redacted]`.
 */
export function lineLogger(
  write: (line: string) => void,
  json: boolean,
  now: () => Date = () => new Date(),
  redactor: Redactor = PATTERN_REDACTOR,
): Logger {
  return (level, rawEvent, fields = {}) => {
    const event = redactor.redact(rawEvent);
    const defined = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, typeof value === "string" ? redactor.redact(value) : value] as const);
    if (json) {
      write(JSON.stringify({ time: now().toISOString(), level, event, ...Object.fromEntries(defined) }));
      return;
    }
    const rest = defined.map(
      ([key, value]) =>
        `${key}=${typeof value === "string" && /\s/.test(value) ? JSON.stringify(value) : value}`,
    );
    write([now().toISOString(), level, event, ...rest].join(" "));
  };
}
