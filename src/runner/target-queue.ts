import type { CycleResult } from "./cycle-types";

/** The ids one targeted cycle takes from a {@link TargetQueue}, and how to tell the queue how it went. */
export interface TargetBatch {
  /** The employee ids the targeted cycle syncs; each once, however often it was asked for. */
  readonly ids: ReadonlySet<string>;
  /** Called once when the targeted cycle has ended, with its result. */
  settled(result: CycleResult): void;
}

/**
 * Employee ids waiting for a targeted cycle (webhooks put them there), as `runLoop` sees them. Times are on the
 * loop's monotonic clock (`LoopOptions.clock`).
 */
export interface TargetQueue {
  /** When the oldest id still waiting arrived; undefined when none waits. */
  oldestArrival(): number | undefined;
  /** Calls `listener` whenever an id arrives; returns the function that unsubscribes it. */
  onArrival(listener: () => void): () => void;
  /** Takes every waiting id (the queue is empty after it). */
  take(): TargetBatch;
}
