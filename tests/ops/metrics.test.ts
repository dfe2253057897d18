import { runnerMetrics } from "../../src/ops/metrics";
import type { GraphOutcome } from "../../src/graph";
import type { ChangeSet } from "../../src/review/change-set";

const changeSet = (counts: Record<string, number>) =>
  ({ counts, stackOutputs: { counts: { employees: 120 } } }) as unknown as ChangeSet;

function series(scrape: string): string[] {
  return scrape.split("\n").filter((l) => l !== "" && !l.startsWith("#") && !l.includes("_bucket{"));
}

describe("runner metrics", () => {
  it("exposes cycles, refusals, users of the last applied cycle, Personio requests and failures", async () => {
    const metrics = runnerMetrics(false);
    metrics.cycleEnded({
      status: "applied",
      durationMs: 4000,
      at: 1_764_000_000_000,
      result: { status: "applied", changeSet: changeSet({ create: 3, update: 1 }) },
    });
    metrics.cycleEnded({
      status: "applied",
      durationMs: 2000,
      at: 1_764_000_060_000,
      result: { status: "applied", changeSet: changeSet({ update: 2 }) },
    });
    metrics.cycleEnded({
      status: "refused",
      durationMs: 1000,
      at: 1_764_000_120_000,
      result: {
        status: "refused",
        verdict: {
          ok: false,
          refusals: [{ guard: "shrink", message: "shrink: …", override: "--allow-shrink" }],
          checked: [],
        },
      },
    });
    metrics.observeOperation("preview", 1500);
    metrics.operationFailed("graph");
    metrics.personioRequest(200);
    metrics.personioRequest(200);
    metrics.personioRequest(429);
    metrics.personioRequest("error");
    metrics.employeesListed(119);
    expect(series(await metrics.scrape())).toEqual([
      'personio_azuread_cycles_total{status="applied"} 2',
      'personio_azuread_cycles_total{status="refused"} 1',
      'personio_azuread_cycle_duration_seconds_sum{status="applied"} 6',
      'personio_azuread_cycle_duration_seconds_count{status="applied"} 2',
      'personio_azuread_cycle_duration_seconds_sum{status="refused"} 1',
      'personio_azuread_cycle_duration_seconds_count{status="refused"} 1',
      'personio_azuread_operation_duration_seconds_sum{operation="preview"} 1.5',
      'personio_azuread_operation_duration_seconds_count{operation="preview"} 1',
      "personio_azuread_last_success_timestamp_seconds 1764000060",
      'personio_azuread_guard_refusals_total{guard="shrink"} 1',
      // The last applied cycle only: "create" of the first one is gone.
      'personio_azuread_users{operation="update"} 2',
      "personio_azuread_employees_listed 119",
      'personio_azuread_personio_requests_total{status="200"} 2',
      'personio_azuread_personio_requests_total{status="429"} 1',
      'personio_azuread_personio_requests_total{status="error"} 1',
      "personio_azuread_skipped_records 0",
      'personio_azuread_operation_failures_total{source="graph"} 1',
    ]);
  });

  it("counts the Graph step's actions by action and outcome, and the skipped records of the last listing", async () => {
    const metrics = runnerMetrics(false);
    const graph: GraphOutcome = {
      planned: { revokes: 6, accessPasses: 3, extensionAttributes: 41 },
      done: { revokes: 3, accessPasses: 1, extensionAttributes: 40 },
      failures: [
        { employeeId: "7", call: "revokeSessions", status: 403 },
        { employeeId: "8", call: "sendMail", status: 404 },
        { employeeId: "8", call: "deleteAccessPass", status: 500 },
        { employeeId: "9", call: "accessPass", status: 0 },
        { employeeId: "10", call: "extensionAttributes", status: 400 },
        { employeeId: "0", call: "listUsers", status: 503 },
      ],
      heldBack: 2,
      warnings: [],
    };
    const result = { status: "applied" as const, graph, skippedRecords: 3 };
    metrics.cycleEnded({ status: "applied", durationMs: 1, at: 1, result, graph, skippedRecords: 3 });
    metrics.cycleEnded({ status: "applied", durationMs: 1, at: 2, result, graph, skippedRecords: 2 });
    // A cycle that did not list Personio leaves the gauge as the last listing set it.
    metrics.cycleEnded({ status: "locked", durationMs: 1, at: 3, result: { status: "locked" } });
    const lines = series(await metrics.scrape()).filter((l) => /graph_actions|skipped_records/.test(l));
    expect(lines).toEqual([
      'personio_azuread_graph_actions_total{action="revoke",outcome="done"} 6',
      'personio_azuread_graph_actions_total{action="revoke",outcome="failed"} 2',
      'personio_azuread_graph_actions_total{action="revoke",outcome="held_back"} 4',
      'personio_azuread_graph_actions_total{action="access_pass",outcome="done"} 2',
      'personio_azuread_graph_actions_total{action="access_pass",outcome="failed"} 4',
      'personio_azuread_graph_actions_total{action="access_pass",outcome="held_back"} 0',
      'personio_azuread_graph_actions_total{action="extension_attribute",outcome="done"} 80',
      'personio_azuread_graph_actions_total{action="extension_attribute",outcome="failed"} 2',
      'personio_azuread_graph_actions_total{action="extension_attribute",outcome="held_back"} 0',
      "personio_azuread_skipped_records 2",
    ]);
  });

  it("gauges the out-of-scope employees and their kept and released accounts of the last preview", async () => {
    const metrics = runnerMetrics(false);
    const scoped = (employees: number, kept: string[], released: string[]) =>
      ({ counts: {}, stackOutputs: { outOfScope: { employees, kept, released } } }) as unknown as ChangeSet;
    metrics.cycleEnded({
      status: "refused",
      durationMs: 1,
      at: 1,
      result: { status: "refused", changeSet: scoped(9, ["6", "8"], []) },
    });
    metrics.cycleEnded({
      status: "applied",
      durationMs: 1,
      at: 2,
      result: { status: "applied", changeSet: scoped(7, ["6"], ["8"]) },
    });
    // A cycle without a preview leaves the gauges as the last one set them.
    metrics.cycleEnded({ status: "locked", durationMs: 1, at: 3, result: { status: "locked" } });
    expect(series(await metrics.scrape()).filter((l) => l.includes("out_of_scope"))).toEqual([
      'personio_azuread_out_of_scope{kind="employees"} 7',
      'personio_azuread_out_of_scope{kind="kept"} 1',
      'personio_azuread_out_of_scope{kind="released"} 1',
    ]);
  });

  it("keeps each runner's counts apart and adds the process metrics by default", async () => {
    const a = runnerMetrics();
    const b = runnerMetrics(false);
    a.operationFailed("cli");
    expect(await b.scrape()).not.toContain('source="cli"');
    expect(await a.scrape()).toContain("personio_azuread_process_resident_memory_bytes");
    expect(await a.scrape()).toContain('personio_azuread_operation_failures_total{source="cli"} 1');
  });
});
