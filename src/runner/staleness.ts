import type { Logger } from "../util/log";

/**
 * When the last cycle succeeded (applied or unchanged), across cycles of a loop. Staleness is measured from
 * it, or from when the runner started if no success is known: a runner that never succeeds goes stale too.
 */
export class SuccessClock {
  constructor(
    private last: number | undefined,
    private readonly startedAt: number,
  ) {}

  get lastSuccessAt(): number | undefined {
    return this.last;
  }

  record(at: number): void {
    this.last = Math.max(this.last ?? at, at);
  }

  /** How long there has been no success, measured from the last one (else from the start). */
  staleFor(now: number): number {
    return now - (this.last ?? this.startedAt);
  }

  /**
   * One line per cycle saying when the last success was; an error line each cycle while none was for longer
   * than `maxStalenessMs`.
   */
  report(log: Logger, now: number, maxStalenessMs: number): void {
    const lastSuccessAt = this.last === undefined ? "never" : new Date(this.last).toISOString();
    const staleForMs = Math.round(this.staleFor(now));
    if (staleForMs > maxStalenessMs) {
      log("error", "cycle.stale", {
        lastSuccessAt,
        staleForMs,
        maxStalenessMs,
        reason: "no successful cycle for longer than --max-staleness: accounts are not following Personio",
      });
    } else {
      log("info", "cycle.last_success", { lastSuccessAt, staleForMs });
    }
  }
}
