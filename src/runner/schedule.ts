/**
 * The next slot on a fixed grid `first + k × interval` strictly after `now`: a cycle that overruns skips the
 * slots it missed instead of queueing them (cycles never overlap), and the grid never drifts however long
 * cycles take.
 */
export function nextSlot(first: number, intervalMs: number, now: number): number {
  if (now < first) return first;
  return first + (Math.floor((now - first) / intervalMs) + 1) * intervalMs;
}

/** The wait before retrying after `failures` consecutive failures: doubling from `baseMs`, never past the interval. */
export function backoffMs(failures: number, baseMs: number, intervalMs: number): number {
  return Math.min(intervalMs, baseMs * 2 ** Math.max(0, failures - 1));
}
