import { boundedDuration, type DurationLimits, describeLimits } from "../util/durations";
import type { Values } from "./flags";
import { CommandError, EXIT } from "./io";

/** A flag that a timer waits for: 24 d, a round number under Node's timer limit (2^31−1 ms, about 24.8 d). */
const TIMER: DurationLimits = { max: "24d" };
/** A flag only compared with an age, never waited for: a year, past which it would mean "never". */
const COMPARED: DurationLimits = { max: "365d" };

/** Every duration flag of the commands: its default and its limits, the one place they are decided. */
export const DURATION_FLAGS = {
  interval: { fallback: "30m", limits: TIMER },
  jitter: { fallback: "60s", limits: { ...TIMER, zero: true } },
  grace: { fallback: "5m", limits: TIMER },
  "cycle-timeout": { fallback: "25m", limits: TIMER },
  "refresh-every": { fallback: "1d", limits: { ...COMPARED, never: true } },
  "max-lock-age": { fallback: "2h", limits: COMPARED },
  "max-bundle-age": { fallback: "2h", limits: COMPARED },
  "max-staleness": { fallback: "3h", limits: COMPARED },
  debounce: { fallback: "30s", limits: { ...TIMER, zero: true } },
  "check-deadline": { fallback: "20s", limits: { max: "5m" } },
} as const satisfies Record<string, { fallback: string; limits: DurationLimits }>;

export type DurationFlag = keyof typeof DURATION_FLAGS;

/**
 * A duration flag in milliseconds, or its default; a value outside its limits is a usage error naming the flag.
 * @example durationFlag({ "cycle-timeout": "30d" }, "cycle-timeout") throws (Allowed: … up to 24d …)
 */
export function durationFlag(values: Values, flag: DurationFlag): number {
  const { fallback, limits } = DURATION_FLAGS[flag];
  const raw = values[flag];
  const text = typeof raw === "string" ? raw : fallback;
  const ms = boundedDuration(text, limits);
  if (ms === undefined) {
    throw new CommandError(
      `Invalid value for --${flag}: ${JSON.stringify(text)}. Allowed: ${describeLimits(limits)}.`,
      EXIT.usage,
    );
  }
  return ms;
}
