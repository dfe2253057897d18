import { formatDuration } from "../util/durations";

/** `created by user@host (pid 42) at 2026-11-28T10:00:00+01:00`: how a DIY backend's lock error dates its locks. */
const DIY_LOCK_AT = /\(pid \d+\) at (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))/g;

/**
 * When the oldest lock named in a DIY backend's "the stack is currently locked" error was taken (epoch ms);
 * undefined when the text names none (Pulumi Cloud answers a bare 409).
 */
export function lockTakenAt(errorText: string): number | undefined {
  const times = [...errorText.matchAll(DIY_LOCK_AT)]
    .map((match) => Date.parse(match[1] as string))
    .filter((t) => !Number.isNaN(t));
  return times.length === 0 ? undefined : Math.min(...times);
}

/** The failure line for a lock older than `--max-lock-age`: its age and how to clear it. */
export function staleLockMessage(stackName: string, ageMs: number, maxAgeMs: number): string {
  return (
    `the stack has been locked for ${formatDuration(ageMs)} (longer than --max-lock-age ${formatDuration(maxAgeMs)}): ` +
    `if no update is running, clear the lock with "pulumi cancel --stack ${stackName}"`
  );
}
