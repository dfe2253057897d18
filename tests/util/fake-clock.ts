import type { Clock } from "../../src/util/clock";

/** A clock that only moves when a sleeper is due: tests of pacing and backoff run without waiting. */
export class FakeClock implements Clock {
  private current = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (ms > 0) this.current += ms;
  }
}
