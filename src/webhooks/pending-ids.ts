import type { CycleResult } from "../runner/cycle-types";
import type { TargetBatch, TargetQueue } from "../runner/target-queue";

/** What a targeted cycle's ids lived through, for metrics: its status and each id's wait from arrival to the end. */
export interface SettledBatch {
  readonly result: CycleResult;
  /** Per id, ms from its first delivery to the end of the targeted cycle that synced it. */
  readonly delaysMs: readonly number[];
}

/**
 * The employee ids webhooks asked for, each with the time of its first delivery (`now`, monotonic ms) until a
 * targeted cycle takes it: a second delivery for a waiting id changes nothing (deliveries are at-least-once).
 */
export class PendingIds implements TargetQueue {
  private arrivals = new Map<string, number>();
  private oldest: number | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly now: () => number,
    private readonly onSettled: (batch: SettledBatch) => void = () => undefined,
  ) {}

  /** How many ids wait. */
  get size(): number {
    return this.arrivals.size;
  }

  /** Adds an id (a duplicate of a waiting one is ignored) and wakes the loop. */
  add(id: string): void {
    if (this.arrivals.has(id)) return;
    const at = this.now();
    this.arrivals.set(id, at);
    this.oldest ??= at;
    for (const listener of this.listeners) listener();
  }

  oldestArrival(): number | undefined {
    return this.oldest;
  }

  onArrival(listener: () => void): () => void {
    const own = (): void => listener();
    this.listeners.add(own);
    return () => this.listeners.delete(own);
  }

  take(): TargetBatch {
    const arrivals = this.arrivals;
    this.arrivals = new Map();
    this.oldest = undefined;
    return {
      ids: new Set(arrivals.keys()),
      settled: (result) => {
        const end = this.now();
        this.onSettled({ result, delaysMs: [...arrivals.values()].map((at) => end - at) });
      },
    };
  }
}
