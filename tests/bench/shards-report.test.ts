import { judgeShards, type ShardRun } from "../../bench/shards-report";

describe("judgeShards", () => {
  const runs = (processMs: number[], rss = 600): ShardRun[] =>
    processMs.map((ms, index) => ({ index, programMs: ms - 1_000, processMs: ms, peakRssMb: rss }));

  it("judges each shard, the goal as written and the floor of 2 at a time", () => {
    expect(judgeShards(runs([10_000, 10_000, 12_000, 10_000]), 23_000, 2)).toEqual([
      "all 4 shards: 23.0 s wall (0 failed); slowest shard prod-2: 12.0 s process, 11.0 s program, max peak RSS 600 MB",
      "goal each shard under 15 s and 1 GB: met (0 over 15 s, 0 over 1024 MB, 0 failed)",
      "goal all shards within 2 × the slowest shard (as written: wall 23.0 s vs 2 × 12.0 s = 24.0 s): met; " +
        "2 at a time need 2 rounds, so it holds only with 2+ shards at a time (runners for half the shards)",
      "on this machine (2 at a time): wall 23.0 s vs the floor of 2 rounds × slowest = 24.0 s: 0.96×",
    ]);
  });

  it("fails the per-shard goal when a shard passes 15 s or 1 GB or fails", () => {
    const shards: ShardRun[] = [
      ...runs([17_000, 9_000], 1_100),
      { index: 2, programMs: undefined, processMs: 3_000, peakRssMb: 200 },
    ];
    expect(judgeShards(shards, 30_000, 2)[1]).toBe(
      "goal each shard under 15 s and 1 GB: not met (1 over 15 s, 2 over 1024 MB, 1 failed)",
    );
  });
});
