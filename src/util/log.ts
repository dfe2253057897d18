/** Fields of a log line: counts, durations, names of things — never personal data. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** One line per event. */
export type Logger = (level: "info" | "warn" | "error", event: string, fields?: LogFields) => void;

/**
 * A logger writing one line per event to `write`: `2026-11-26T10:00:00.000Z info cycle.applied creates=3`, or
 * with `json` one JSON object per line for log shippers.
 */
export function lineLogger(
  write: (line: string) => void,
  json: boolean,
  now: () => Date = () => new Date(),
): Logger {
  return (level, event, fields = {}) => {
    const defined = Object.entries(fields).filter(([, value]) => value !== undefined);
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
