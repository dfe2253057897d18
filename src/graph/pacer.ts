import type { Clock } from "../util/clock";

/**
 * Spaces `$batch` envelopes by the writes they carry: after an envelope of `w` writes starts at `t`, the next
 * may start at `t + w / writesPerSecond` seconds. GETs are not writes and cost nothing. Graph counts writes per
 * app over 150 s, so an even pace under 20/s stays under its 3,000 writes / 150 s.
 * @example 45 writes at 20/s: envelopes of 20, 20, 5 start at 0 ms, 1000 ms, 2000 ms
 */
export class WritePacer {
  private nextAt = -Infinity;

  constructor(
    private readonly writesPerSecond: number,
    private readonly clock: Clock,
  ) {}

  /** When an envelope may start, on the clock's scale. */
  readyAt(): number {
    return this.nextAt;
  }

  /** Records that an envelope with `writes` writes starts now. */
  start(writes: number): void {
    this.nextAt = Math.max(this.nextAt, this.clock.now()) + (writes * 1000) / this.writesPerSecond;
  }
}
