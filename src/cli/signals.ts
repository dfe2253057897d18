/**
 * The signals that stop the runner as SIGTERM does. SIGHUP (a closed terminal), SIGQUIT and SIGUSR2 (used by
 * some supervisors) would otherwise kill the process at once, leaving the cycle's snapshot — personal data —
 * in the temp directory and an update running without its grace period.
 */
export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR2"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Where signal handlers are installed: `process`, or an emitter in tests. */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
}

/** Aborts `stop` with the signal's name as its reason on any of {@link STOP_SIGNALS}, telling `onSignal` first. */
export function stopOnSignals(
  source: SignalSource,
  stop: AbortController,
  onSignal: (signal: StopSignal) => void = () => undefined,
): void {
  for (const signal of STOP_SIGNALS) {
    source.on(signal, () => {
      onSignal(signal);
      stop.abort(signal);
    });
  }
}
