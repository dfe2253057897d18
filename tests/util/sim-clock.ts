import type { Clock } from "../../src/util/clock";

/** A discrete-event clock: time jumps to the next due sleeper, so concurrent schedules run instantly. */
export class SimClock implements Clock {
  private current = 0;
  private timers: { at: number; resolve: () => void }[] = [];

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      // Like the system clock's timers, a finished sleep leaves no listener behind on a long-lived signal.
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new Error("aborted"));
      };
      const timer = {
        at: this.current + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Runs `work` to completion, advancing time whenever every task is asleep. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => {
      done = true;
    });
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (next === undefined) throw new Error("deadlock: every task waits and no timer is due");
      this.current = next.at;
      next.resolve();
    }
    return result;
  }
}
