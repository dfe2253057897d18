import type { CycleResult, CycleStatus } from "../../src/runner/cycle-types";
import type { Logger } from "../../src/util/log";
import { runLoop, type LoopOptions } from "../../src/runner/loop";
import { backoffMs } from "../../src/runner/schedule";
import { SimClock } from "../util/sim-clock";

const MIN = 60_000;

describe("backoffMs", () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [5, 960_000],
    [6, 30 * MIN],
    [20, 30 * MIN],
  ])("after %i failures waits %i ms", (failures, expected) => {
    expect(backoffMs(failures, 60_000, 30 * MIN)).toBe(expected);
  });
});

interface Script {
  readonly durationMs: number;
  readonly status: CycleStatus;
}

/** Runs the loop on a simulated clock until `stopAt`, with cycles behaving as `script` says (last repeats). */
async function simulate(script: Script[], stopAt: number, overrides: Partial<LoopOptions> = {}) {
  const clock = new SimClock();
  const starts: number[] = [];
  const ends: number[] = [];
  const cancelled: number[] = [];
  const lines: string[] = [];
  const log: Logger = (level, event, fields) =>
    lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`);
  const stop = new AbortController();
  const cycle = async (signal: AbortSignal): Promise<CycleResult> => {
    const step = script[Math.min(starts.length, script.length - 1)] as Script;
    starts.push(clock.now());
    signal.addEventListener("abort", () => cancelled.push(clock.now()));
    await clock.sleep(step.durationMs, signal).catch(() => undefined);
    ends.push(clock.now());
    return { status: signal.aborted ? "failed" : step.status };
  };
  const options: LoopOptions = {
    intervalMs: 30 * MIN,
    jitterMs: 0,
    backoffBaseMs: MIN,
    clock,
    random: () => 0.5,
    log,
    ...overrides,
  };
  const stopper = clock.sleep(stopAt).then(() => stop.abort());
  await clock.run(Promise.all([runLoop(cycle, options, stop.signal), stopper]));
  return { starts, ends, cancelled, lines, stoppedAt: clock.now() };
}

describe("runLoop", () => {
  it("starts cycles on a fixed 30-minute grid, however long they take", async () => {
    const { starts } = await simulate([{ durationMs: 7 * MIN, status: "applied" }], 125 * MIN);
    expect(starts).toEqual([0, 30 * MIN, 60 * MIN, 90 * MIN, 120 * MIN]);
  });

  it("aligns the grid to midnight in the company time zone, not to the start of the process", async () => {
    // The simulated clock starts at 1970-01-01T00:00Z, which is 01:00 at UTC+1: slots are 23:00Z + k × 25 min.
    const { starts } = await simulate([{ durationMs: MIN, status: "applied" }], 70 * MIN, {
      intervalMs: 25 * MIN,
      timezone: "Etc/GMT-1",
    });
    expect(starts).toEqual([0, 15 * MIN, 40 * MIN, 65 * MIN]);
  });

  it("adds jitter per cycle without drifting the grid", async () => {
    const { starts } = await simulate([{ durationMs: MIN, status: "unchanged" }], 95 * MIN, {
      jitterMs: 60_000,
      random: () => 0.5,
    });
    expect(starts).toEqual([0, 30 * MIN + 30_000, 60 * MIN + 30_000, 90 * MIN + 30_000]);
  });

  it("never overlaps: a cycle that overruns skips the slots it missed", async () => {
    const { starts, ends } = await simulate(
      [
        { durationMs: 70 * MIN, status: "applied" },
        { durationMs: MIN, status: "applied" },
      ],
      125 * MIN,
    );
    expect(starts).toEqual([0, 90 * MIN, 120 * MIN]);
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThanOrEqual(ends[i - 1] as number);
  });

  it("retries failures with backoff, then returns to the grid", async () => {
    const { starts } = await simulate(
      [
        { durationMs: 0, status: "failed" },
        { durationMs: 0, status: "failed" },
        { durationMs: 0, status: "failed" },
        { durationMs: 0, status: "applied" },
      ],
      40 * MIN,
    );
    expect(starts).toEqual([0, 1 * MIN, 3 * MIN, 7 * MIN, 30 * MIN]);
  });

  it("treats a locked stack as a skipped cycle, not a failure", async () => {
    const { starts, lines } = await simulate([{ durationMs: 0, status: "locked" }], 35 * MIN);
    expect(starts).toEqual([0, 30 * MIN]);
    expect(lines.filter((l) => l.includes("loop.sleep"))[0]).toContain('"failures":0');
  });

  it("stops promptly while sleeping", async () => {
    const { starts, stoppedAt } = await simulate([{ durationMs: MIN, status: "applied" }], 10 * MIN);
    expect(starts).toEqual([0]);
    expect(stoppedAt).toBe(10 * MIN);
  });

  it("hands the stop signal to the running cycle and stops once it ends (the cycle owns the grace period)", async () => {
    const { starts, ends, cancelled, lines } = await simulate(
      [{ durationMs: 3 * MIN, status: "applied" }],
      MIN,
    );
    expect(starts).toEqual([0]);
    expect(cancelled).toEqual([MIN]);
    expect(ends).toEqual([MIN]);
    expect(lines.at(-1)).toBe('info loop.stopped {"cycles":1}');
  });
});
