import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { PATTERN_REDACTOR, type Redactor } from "../util/known-names";
import type { CycleReport, FailureSource, OperationKind, RunnerObserver } from "../runner/observer";
import { GRAPH_ACTION_LABELS, GRAPH_OUTCOME_LABELS, graphActionCounts } from "./graph-actions";

/** Every metric name starts with this. */
export const METRIC_PREFIX = "personio_azuread_";

/** Seconds: a quiet cycle takes seconds, a first sync of thousands of users tens of minutes. */
const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/** The runner's Prometheus metrics, fed by observer calls. Labels are statuses, guards, operations — never people. */
export interface RunnerMetrics extends RunnerObserver {
  readonly registry: Registry;
  /** The Prometheus text exposition. */
  scrape(): Promise<string>;
}

/**
 * A fresh registry (not prom-client's global one, so that two runners or two tests never share counts), with
 * the process's default metrics unless `processMetrics` is false. Label values taken from a cycle's report pass
 * through `redactor`: they are bounded words today, and must stay free of people if one ever carries text.
 */
export function runnerMetrics(processMetrics = true, redactor: Redactor = PATTERN_REDACTOR): RunnerMetrics {
  const label = (value: string): string => redactor.redact(value);
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const registers = [registry];
  const cycles = new Counter({
    name: `${METRIC_PREFIX}cycles_total`,
    help: "Reconcile cycles by how they ended.",
    labelNames: ["status"],
    registers,
  });
  const cycleSeconds = new Histogram({
    name: `${METRIC_PREFIX}cycle_duration_seconds`,
    help: "Duration of reconcile cycles by how they ended.",
    labelNames: ["status"],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const operationSeconds = new Histogram({
    name: `${METRIC_PREFIX}operation_duration_seconds`,
    help: "Duration of the operations of a cycle (refresh, preview, up, personio).",
    labelNames: ["operation"],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const lastSuccess = new Gauge({
    name: `${METRIC_PREFIX}last_success_timestamp_seconds`,
    help: "When the last applied or unchanged cycle ended (Unix time); 0 before the first.",
    registers,
  });
  const refusals = new Counter({
    name: `${METRIC_PREFIX}guard_refusals_total`,
    help: "Guard refusals by guard.",
    labelNames: ["guard"],
    registers,
  });
  const users = new Gauge({
    name: `${METRIC_PREFIX}users`,
    help: "Users per operation in the last applied cycle.",
    labelNames: ["operation"],
    registers,
  });
  const employees = new Gauge({
    name: `${METRIC_PREFIX}employees_listed`,
    help: "Employees Personio listed in the last cycle that said.",
    registers,
  });
  const personio = new Counter({
    name: `${METRIC_PREFIX}personio_requests_total`,
    help: 'Requests to Personio by HTTP status ("429" throttled, "error" for transport failures).',
    labelNames: ["status"],
    registers,
  });
  const writeBacks = new Counter({
    name: `${METRIC_PREFIX}write_backs_total`,
    help: "Values written back into the Personio attribute after a successful cycle, by result.",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const graphActions = new Counter({
    name: `${METRIC_PREFIX}graph_actions_total`,
    help: "Graph step actions after a successful cycle, by action and outcome (held_back: by the disables guard).",
    labelNames: ["action", "outcome"] as const,
    registers,
  });
  const skippedRecords = new Gauge({
    name: `${METRIC_PREFIX}skipped_records`,
    help: "Records Personio sent that could not be read, in the last cycle that listed Personio.",
    registers,
  });
  const outOfScope = new Gauge({
    name: `${METRIC_PREFIX}out_of_scope`,
    help:
      "With personio-azuread:scope, in the last cycle that previewed: employees it leaves out, and their managed " +
      "accounts kept as they are or released (--allow-scope-release).",
    labelNames: ["kind"] as const,
    registers,
  });
  const shardCycles = new Counter({
    name: `${METRIC_PREFIX}shard_cycles_total`,
    help: "Shard stacks in coordinator cycles (personio-azuread:shards > 1) by shard and how each ended.",
    labelNames: ["shard", "status"],
    registers,
  });
  const failures = new Counter({
    name: `${METRIC_PREFIX}operation_failures_total`,
    help: "Failed operations by where they failed (graph, personio, cli).",
    labelNames: ["source"],
    registers,
  });
  lastSuccess.set(0);
  return {
    registry,
    scrape: () => registry.metrics(),
    cycleStarted: () => undefined,
    cycleEnded: (report: CycleReport) => {
      cycles.inc({ status: report.status });
      cycleSeconds.observe({ status: report.status }, report.durationMs / 1000);
      if (report.status === "applied" || report.status === "unchanged") lastSuccess.set(report.at / 1000);
      for (const refusal of report.result.verdict?.refusals ?? [])
        refusals.inc({ guard: label(refusal.guard) });
      // What `up` did (its own events), not what the preview said it would.
      const changeSet = report.result.applied ?? report.result.changeSet;
      if (report.status === "applied" && changeSet !== undefined) {
        users.reset();
        for (const [operation, count] of Object.entries(changeSet.counts))
          if (count !== undefined) users.set({ operation: label(operation) }, count);
      }
      const writeBack = report.result.writeBack;
      if (writeBack !== undefined) {
        writeBacks.inc({ result: "written" }, writeBack.written);
        writeBacks.inc({ result: "failed" }, writeBack.failed.length);
      }
      if (report.graph !== undefined) {
        const counts = graphActionCounts(report.graph);
        for (const action of GRAPH_ACTION_LABELS)
          for (const outcome of GRAPH_OUTCOME_LABELS)
            graphActions.inc({ action, outcome }, counts[action][outcome]);
      }
      if (report.skippedRecords !== undefined) skippedRecords.set(report.skippedRecords);
      const scope = report.result.changeSet?.stackOutputs?.outOfScope;
      if (scope !== undefined) {
        outOfScope.set({ kind: "employees" }, scope.employees);
        outOfScope.set({ kind: "kept" }, scope.kept.length);
        outOfScope.set({ kind: "released" }, scope.released.length);
      }
      for (const shard of report.result.shards ?? [])
        shardCycles.inc({ shard: String(shard.shard), status: shard.status });
    },
    observeOperation: (kind: OperationKind, ms: number) =>
      operationSeconds.observe({ operation: kind }, ms / 1000),
    operationFailed: (source: FailureSource) => failures.inc({ source }),
    personioRequest: (status) => personio.inc({ status: String(status) }),
    employeesListed: (count) => employees.set(count),
    loopRunning: () => undefined,
  };
}
