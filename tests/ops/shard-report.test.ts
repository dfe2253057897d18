import { notificationContent } from "../../src/notify/content";
import { facts } from "../../src/notify/format";
import { runnerMetrics } from "../../src/ops/metrics";
import { INITIAL_READINESS, nextReadiness, readiness } from "../../src/ops/readiness";
import type { CycleResult } from "../../src/runner/cycle-types";
import type { CycleReport } from "../../src/runner/observer";

const AT = Date.parse("2026-11-28T12:00:00Z");
/** A coordinator cycle over three shards whose prod-2 failed to apply. */
const RESULT: CycleResult = {
  status: "failed",
  error:
    "1 of 3 shards failed to apply (prod-2), the others applied: prod-2: error: the backend is unreachable",
  shards: [
    { shard: 0, stack: "prod-0", status: "applied" },
    { shard: 1, stack: "prod-1", status: "unchanged" },
    { shard: 2, stack: "prod-2", status: "failed", error: "error: the backend is unreachable" },
  ],
};
const REPORT: CycleReport = { status: "failed", durationMs: 2000, at: AT, result: RESULT };

describe("a coordinator cycle's shards in health, metrics and notifications", () => {
  it("counts each shard by shard and status", async () => {
    const metrics = runnerMetrics(false);
    metrics.cycleEnded(REPORT);
    const lines = (await metrics.scrape())
      .split("\n")
      .filter((l) => l.startsWith("personio_azuread_shard_cycles_total"));
    expect(lines).toEqual([
      'personio_azuread_shard_cycles_total{shard="0",status="applied"} 1',
      'personio_azuread_shard_cycles_total{shard="1",status="unchanged"} 1',
      'personio_azuread_shard_cycles_total{shard="2",status="failed"} 1',
    ]);
  });

  it("names the failed shards in /readyz", () => {
    const state = nextReadiness(INITIAL_READINESS, REPORT);
    expect(readiness(state, AT, 3_600_000)).toEqual({
      ready: false,
      reason: "failing",
      detail: "1 failed cycle in a row; the last failed on prod-2",
    });
  });

  it("shows the shards in the notification", () => {
    const content = notificationContent("failing", "prod", REPORT, 3_600_000, undefined);
    expect(content.shards).toBe("applied: prod-0; unchanged: prod-1; failed: prod-2");
    expect(facts(content)).toContainEqual(["Shards", "applied: prod-0; unchanged: prod-1; failed: prod-2"]);
  });
});
