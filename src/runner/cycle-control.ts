import type { Clock } from "../util/clock";
import { formatDuration } from "../util/durations";
import type { Logger } from "../util/log";

/**
 * What a cycle is doing; writing phases (refresh, up, write-back, the Graph step) get the grace period on a
 * stop, reading ones do not.
 */
export type Phase = "refresh" | "Personio listing" | "preview" | "up" | "write-back" | "Graph step";
const GRACEFUL: ReadonlySet<Phase> = new Set(["refresh", "up", "write-back", "Graph step"]);

export interface CycleControlOptions {
  /** Aborts on SIGINT/SIGTERM; its reason names the signal. */
  readonly stop: AbortSignal;
  readonly clock: Clock;
  /** How long a running refresh or up may take to finish after a stop. */
  readonly graceMs: number;
  /** The whole cycle's deadline. */
  readonly timeoutMs: number;
  readonly log: Logger;
}

/**
 * Cancellation of one cycle's operations, with the reason it will report: a stop signal cancels a listing
 * or preview at once and lets a refresh or `up` finish within the grace period; the cycle's deadline and an
 * explicit {@link cancel} (an `up` going beyond its preview) cancel whatever runs.
 */
export class CycleControl {
  private readonly controller = new AbortController();
  private readonly timers = new AbortController();
  private current: Phase = "Personio listing";
  private reason: string | undefined;
  private graceStarted = false;

  constructor(private readonly options: CycleControlOptions) {
    const { clock, timeoutMs } = options;
    clock
      .sleep(timeoutMs, this.timers.signal)
      .then(() =>
        this.cancel(
          `cycle timed out after ${formatDuration(timeoutMs)} (--cycle-timeout) during the ${this.current}; it was cancelled`,
        ),
      )
      .catch(() => undefined);
    if (options.stop.aborted) this.onStop();
    else options.stop.addEventListener("abort", this.onStop, { once: true });
  }

  /** The signal handed to the running operation. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the cycle's operation was cancelled, once it was. */
  get cancelReason(): string | undefined {
    return this.reason;
  }

  /** Whether a stop was asked for: then no further operation may start. */
  get stopped(): boolean {
    return this.options.stop.aborted;
  }

  /** The signal that stopped the cycle (`SIGTERM`), or a neutral word; meaningful once {@link stopped}. */
  get stoppedBy(): string {
    return signalName(this.options.stop);
  }

  /** The reason to report when a stop prevents the next operation from starting. */
  stoppedBefore(phase: Phase): string {
    return `stopped by ${this.stoppedBy} before the ${phase}; nothing applied`;
  }

  /** Names the phase now running (the cycle checks {@link stopped} before starting one). */
  enter(phase: Phase): void {
    this.current = phase;
  }

  /** Cancels the running operation (first reason wins). */
  cancel(reason: string): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.controller.abort(reason);
  }

  /** Clears the timers and listeners; call when the cycle ends. */
  dispose(): void {
    this.timers.abort();
    this.options.stop.removeEventListener("abort", this.onStop);
  }

  private readonly onStop = (): void => {
    const name = signalName(this.options.stop);
    if (!GRACEFUL.has(this.current)) {
      this.cancel(`stopped by ${name} during the ${this.current}; nothing applied`);
      return;
    }
    if (this.graceStarted) return;
    this.graceStarted = true;
    const { clock, graceMs, log } = this.options;
    const phase = this.current;
    log("warn", "cycle.stopping", { signal: name, phase, graceMs });
    clock
      .sleep(graceMs, this.timers.signal)
      .then(() => {
        log("warn", "cycle.cancelling", { reason: "grace period over", phase });
        this.cancel(`${phase} cancelled by ${name} after ${formatDuration(graceMs)} of grace`);
      })
      .catch(() => undefined);
  };
}

/** `SIGTERM` when the stop carries a signal's name, else a neutral word. */
export function signalName(stop: AbortSignal): string {
  return typeof stop.reason === "string" && /^SIG[A-Z]+$/.test(stop.reason) ? stop.reason : "a stop request";
}
