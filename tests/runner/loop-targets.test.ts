import type { CycleResult, CycleStatus } from "../../src/runner/cycle-types";
import { runLoop, type LoopOptions } from "../../src/runner/loop";
import { PendingIds, type SettledBatch } from "../../src/webhooks/pending-ids";
import { SimClock } from "../util/sim-clock";

const SEC = 1_000;
const MIN = 60_000;

interface Run {
  readonly start: number;
  readonly end: number;
  /** "scheduled", or the targeted cycle's ids sorted and joined. */
  readonly only: string;
}

/**
 * The loop on a simulated clock with a webhook queue: `deliveries` add ids at the given times; scheduled cycles
 * take `scheduledMs`, targeted ones `targetedMs`. Returns every cycle run, in order.
 */
async function simulate(
  deliveries: readonly [at: number, id: string][],
  stopAt: number,
  durations: { scheduledMs: number; targetedMs: number; targetedStatus?: CycleStatus },
  overrides: Partial<LoopOptions> = {},
) {
  const clock = new SimClock();
  const settled: SettledBatch[] = [];
  const queue = new PendingIds(
    () => clock.now(),
    (batch) => settled.push(batch),
  );
  const runs: Run[] = [];
  const lines: string[] = [];
  const stop = new AbortController();
  const cycle = async (signal: AbortSignal, only?: ReadonlySet<string>): Promise<CycleResult> => {
    const start = clock.now();
    await clock
      .sleep(only === undefined ? durations.scheduledMs : durations.targetedMs, signal)
      .catch(() => undefined);
    runs.push({
      start,
      end: clock.now(),
      only: only === undefined ? "scheduled" : [...only].sort().join(","),
    });
    return { status: only === undefined ? "unchanged" : (durations.targetedStatus ?? "applied") };
  };
  const options: LoopOptions = {
    intervalMs: 30 * MIN,
    jitterMs: 0,
    backoffBaseMs: MIN,
    clock,
    random: () => 0,
    log: (level, event, fields) => lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`),
    targets: queue,
    ...overrides,
  };
  const senders = deliveries.map(([at, id]) => clock.sleep(at).then(() => queue.add(id)));
  const stopper = clock.sleep(stopAt).then(() => stop.abort());
  await clock.run(Promise.all([runLoop(cycle, options, stop.signal), stopper, ...senders]));
  return { runs, settled, lines };
}

describe("runLoop with webhook targets", () => {
  it("runs one targeted cycle for the ids of one debounce window, 30 s after the first", async () => {
    const { runs } = await simulate(
      [
        [5 * MIN, "812"],
        [5 * MIN + 10 * SEC, "913"],
        [5 * MIN + 29 * SEC, "812"],
      ],
      20 * MIN,
      { scheduledMs: MIN, targetedMs: 20 * SEC },
    );
    expect(runs).toEqual([
      { start: 0, end: MIN, only: "scheduled" },
      { start: 5 * MIN + 30 * SEC, end: 5 * MIN + 50 * SEC, only: "812,913" },
    ]);
  });

  it("takes the debounce from --debounce", async () => {
    const { runs } = await simulate(
      [[5 * MIN, "812"]],
      20 * MIN,
      { scheduledMs: MIN, targetedMs: SEC },
      { debounceMs: 0 },
    );
    expect(runs[1]).toEqual({ start: 5 * MIN, end: 5 * MIN + SEC, only: "812" });
  });

  it("starts a second window for ids that arrive after the first targeted cycle began", async () => {
    const { runs } = await simulate(
      [
        [5 * MIN, "1"],
        [5 * MIN + 40 * SEC, "2"],
        [5 * MIN + 45 * SEC, "3"],
      ],
      20 * MIN,
      { scheduledMs: MIN, targetedMs: 20 * SEC },
    );
    expect(runs.slice(1)).toEqual([
      { start: 5 * MIN + 30 * SEC, end: 5 * MIN + 50 * SEC, only: "1" },
      { start: 6 * MIN + 10 * SEC, end: 6 * MIN + 30 * SEC, only: "2,3" },
    ]);
  });

  it("makes ids that arrive during a scheduled cycle wait for it, then runs them in one targeted cycle", async () => {
    const { runs } = await simulate(
      [
        [30 * MIN + 10 * SEC, "7"],
        [31 * MIN, "8"],
        [33 * MIN, "7"],
      ],
      40 * MIN,
      { scheduledMs: 5 * MIN, targetedMs: MIN },
    );
    expect(runs).toEqual([
      { start: 0, end: 5 * MIN, only: "scheduled" },
      { start: 30 * MIN, end: 35 * MIN, only: "scheduled" },
      { start: 35 * MIN, end: 36 * MIN, only: "7,8" },
    ]);
  });

  it("runs a scheduled cycle that is due first, then still the waiting ids, and keeps the grid", async () => {
    const { runs } = await simulate([[29 * MIN + 50 * SEC, "5"]], 65 * MIN, {
      scheduledMs: 2 * MIN,
      targetedMs: MIN,
    });
    expect(runs).toEqual([
      { start: 0, end: 2 * MIN, only: "scheduled" },
      { start: 30 * MIN, end: 32 * MIN, only: "scheduled" },
      { start: 32 * MIN, end: 33 * MIN, only: "5" },
      { start: 60 * MIN, end: 62 * MIN, only: "scheduled" },
    ]);
  });

  it("runs a scheduled slot that passed during a targeted cycle at once, then returns to the grid", async () => {
    const { runs } = await simulate([[28 * MIN, "5"]], 65 * MIN, { scheduledMs: MIN, targetedMs: 4 * MIN });
    expect(runs).toEqual([
      { start: 0, end: MIN, only: "scheduled" },
      { start: 28 * MIN + 30 * SEC, end: 32 * MIN + 30 * SEC, only: "5" },
      { start: 32 * MIN + 30 * SEC, end: 33 * MIN + 30 * SEC, only: "scheduled" },
      { start: 60 * MIN, end: 61 * MIN, only: "scheduled" },
    ]);
  });

  it("never runs two cycles at once", async () => {
    const deliveries = Array.from(
      { length: 40 },
      (_, i) => [i * 97 * SEC, String(i % 7)] as [number, string],
    );
    const { runs } = await simulate(deliveries, 70 * MIN, { scheduledMs: 3 * MIN, targetedMs: 50 * SEC });
    for (let i = 1; i < runs.length; i++)
      expect(runs[i]?.start).toBeGreaterThanOrEqual(runs[i - 1]?.end as number);
    // The 30-minute slot came during a targeted cycle (29:36–30:26): it ran right after; the grid did not move.
    expect(runs.filter((run) => run.only === "scheduled").map((run) => run.start)).toEqual([
      0,
      30 * MIN + 26 * SEC,
      60 * MIN,
    ]);
  });

  it("tells the queue each id's wait from its first delivery to the end of its targeted cycle", async () => {
    const { settled, lines } = await simulate(
      [
        [5 * MIN, "812"],
        [5 * MIN + 10 * SEC, "913"],
      ],
      20 * MIN,
      { scheduledMs: MIN, targetedMs: 20 * SEC },
    );
    expect(settled).toEqual([{ result: { status: "applied" }, delaysMs: [50 * SEC, 40 * SEC] }]);
    expect(lines.filter((line) => line.includes("loop.targeted"))).toEqual([
      'info loop.targeted {"ids":2}',
      'info loop.targeted_ended {"status":"applied","ids":2,"targeted":1}',
    ]);
    expect(lines.at(-1)).toBe('info loop.stopped {"cycles":1,"targeted":1}');
  });

  it("does not count a failed targeted cycle towards the scheduled backoff", async () => {
    const { runs, lines } = await simulate([[5 * MIN, "1"]], 35 * MIN, {
      scheduledMs: MIN,
      targetedMs: MIN,
      targetedStatus: "failed",
    });
    expect(runs.map((run) => run.start)).toEqual([0, 5 * MIN + 30 * SEC, 30 * MIN]);
    expect(
      lines.filter((line) => line.includes("loop.sleep")).every((line) => line.includes('"failures":0')),
    ).toBe(true);
  });

  it("stops while waiting for the debounce", async () => {
    const { runs, lines } = await simulate([[5 * MIN, "1"]], 5 * MIN + 10 * SEC, {
      scheduledMs: MIN,
      targetedMs: MIN,
    });
    expect(runs.map((run) => run.only)).toEqual(["scheduled"]);
    expect(lines.at(-1)).toBe('info loop.stopped {"cycles":1,"targeted":0}');
  });
});
