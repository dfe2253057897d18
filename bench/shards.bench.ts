import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateCompany } from "../src/sandbox";
import { takeSnapshot } from "../src/runner/take-snapshot";
import { writeSnapshot } from "../src/snapshot";
import { runIsolated, startServer } from "./child";
import { programNodeArgs } from "./node-args";
import type { CheckpointSizes } from "./checkpoint";
import type { ProgramBenchResult } from "./program.bench";
import { BENCH_CONFIG } from "./program-config";
import { formatCheckpoint, judgeShards, type ShardRun } from "./shards-report";
import { sdkFloor } from "./sdk-floor";

const EMPLOYEES = 100_000;
const SHARDS = 8;
/** Shard programs at once: this machine has 2 cores (the runner's `--shard-parallelism` default). */
const PARALLELISM = 2;
const SHARD_TIMEOUT_S = 120;
/** The program's Node arguments from Pulumi.yaml, read once for every process this bench starts. */
const NODE_ARGS = programNodeArgs();
/** The unsharded run may run out of memory or take minutes: bounded, then reported. */
const UNSHARDED_TIMEOUT_S = 180;

type ChildResult = ProgramBenchResult & { readonly checkpoint?: CheckpointSizes };

/** A child's outcome: its result, or why it failed; with its process tree's peak RSS, watched from outside. */
interface Outcome {
  readonly result?: ChildResult;
  readonly failure?: string;
  readonly peakRssMb: number;
  readonly processMs: number;
}

/**
 * 100,000 employees over 8 shard stacks under mocks, as one coordinator cycle runs them: one snapshot file for
 * all (listed once, outside the measured processes), each shard's program in its own process (`prod-<i>`, with
 * `PERSONIO_AZUREAD_SHARD=i/8`), 2 at a time. Then the same snapshot unsharded, for comparison, and the
 * checkpoint a self-managed backend would hold and write (bench/checkpoint.ts, approximate). Between the two, the
 * Pulumi SDK's floor at shard 0's size (bench/sdk-floor.ts): what any program declaring that many users pays.
 */
export async function run(): Promise<void> {
  const file = path.join(tmpdir(), `shards-bench-${EMPLOYEES}.json`);
  writeFileSync(file, JSON.stringify({ data: generateCompany(EMPLOYEES, 11) }));
  const server = await startServer("scripts/sandbox.ts", ["--data", file]);
  let snapshot;
  try {
    const listed = performance.now();
    const reading = await takeSnapshot(BENCH_CONFIG, {
      env: { PERSONIO_BASE_URL: server.firstLine, PERSONIO_CLIENT_SECRET: "sandbox-secret" },
      now: new Date("2026-11-26T10:00:00Z"),
      client: { rateLimit: false },
    });
    snapshot = writeSnapshot(reading.snapshot);
    console.log(
      `${EMPLOYEES} employees over ${SHARDS} shards under mocks; one snapshot (${snapshot.employees} employees, ` +
        `listed from the sandbox without pacing in ${seconds(performance.now() - listed)} s), ${PARALLELISM} shards at a time, ` +
        `node ${NODE_ARGS.join(" ") || "(no arguments)"} as Pulumi.yaml's nodeargs give`,
    );
  } finally {
    await server.stop();
  }
  try {
    const started = performance.now();
    const runs = await pool(SHARDS, PARALLELISM, (i) =>
      measure(["snapshot", String(EMPLOYEES), snapshot.path, `${i}/${SHARDS}`], SHARD_TIMEOUT_S),
    );
    const wallMs = performance.now() - started;
    console.log("shard  users  program s  process s  peak RSS MB");
    const shardRuns: ShardRun[] = runs.map((outcome, index) => {
      const r = outcome.result;
      console.log(
        [
          `prod-${index}`.padEnd(6),
          String(r?.users ?? "-").padStart(5),
          (r === undefined ? "failed" : seconds(r.wallMs)).padStart(9),
          seconds(outcome.processMs).padStart(9),
          String(r?.peakRssMb ?? outcome.peakRssMb).padStart(11),
        ].join("  "),
      );
      if (outcome.failure !== undefined) console.log(`  prod-${index} failed: ${outcome.failure}`);
      return {
        index,
        programMs: r?.wallMs,
        processMs: outcome.processMs,
        peakRssMb: r?.peakRssMb ?? outcome.peakRssMb,
      };
    });
    for (const line of judgeShards(shardRuns, wallMs, PARALLELISM)) console.log(line);
    const first = runs[0]?.result;
    if (first !== undefined) {
      const floor = await sdkFloor(first.users, { wallMs: first.wallMs, peakRssMb: first.peakRssMb });
      for (const line of floor) console.log(line);
    }

    const unsharded = await measure(
      ["snapshot", String(EMPLOYEES), snapshot.path, "-", "checkpoint"],
      UNSHARDED_TIMEOUT_S,
    );
    console.log(
      unsharded.result === undefined
        ? `unsharded, one stack of ${EMPLOYEES}: failed after ${seconds(unsharded.processMs)} s ` +
            `(${unsharded.failure}), peak RSS ${unsharded.peakRssMb} MB`
        : `unsharded, one stack of ${EMPLOYEES}: ${seconds(unsharded.result.wallMs)} s, ` +
            `${unsharded.result.peakRssMb} MB peak RSS (checkpoint measured in the same run)`,
    );

    const shard = await measure(
      ["snapshot", String(EMPLOYEES), snapshot.path, `0/${SHARDS}`, "checkpoint"],
      SHARD_TIMEOUT_S,
    );
    console.log("Checkpoint of a self-managed backend (approximate: see bench/checkpoint.ts)");
    if (shard.result?.checkpoint !== undefined) {
      console.log(formatCheckpoint(`shard prod-0 (${shard.result.users} users)`, shard.result.checkpoint));
    } else console.log(`shard prod-0: failed: ${shard.failure}`);
    if (unsharded.result?.checkpoint !== undefined) {
      console.log(
        formatCheckpoint(`unsharded (${unsharded.result.users} users)`, unsharded.result.checkpoint),
      );
    } else console.log("unsharded: no checkpoint (the run failed)");
    console.log(
      "Pulumi Cloud (CLI >= 3.225) journals instead: each step sends its own change, so a first up writes about " +
        "the final checkpoint's size once, not Σ size(k).",
    );
  } finally {
    snapshot.dispose();
  }
}

/** Runs `task(0 … count-1)` with at most `limit` at a time; results in index order. */
async function pool<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

/** One bench/program-child.ts run, its process tree watched for peak RSS and killed at the deadline. */
async function measure(args: string[], timeoutS: number): Promise<Outcome> {
  const started = performance.now();
  let root: number | undefined;
  let peakKb = 0;
  let timedOut = false;
  const watch = setInterval(() => {
    if (root === undefined) return;
    const pids = tree(root);
    for (const pid of pids) peakKb = Math.max(peakKb, peakOf(pid));
    if (performance.now() - started > timeoutS * 1000) {
      timedOut = true;
      for (const pid of pids.reverse()) kill(pid);
    }
  }, 250);
  try {
    const line = await runIsolated(
      "bench/program-child.ts",
      args,
      undefined,
      (pid) => (root = pid),
      NODE_ARGS,
    );
    return {
      result: JSON.parse(line) as ChildResult,
      peakRssMb: Math.round(peakKb / 1024),
      processMs: performance.now() - started,
    };
  } catch (error) {
    const failure = timedOut
      ? `killed after the ${timeoutS} s limit`
      : (error as Error).message.replace(/^.* (exited)/, "$1");
    return { failure, peakRssMb: Math.round(peakKb / 1024), processMs: performance.now() - started };
  } finally {
    clearInterval(watch);
  }
}

/** `pid` and its descendants, parents first (Linux /proc). */
function tree(pid: number): number[] {
  const children = readdirSafe(`/proc/${pid}/task`).flatMap((task) =>
    readSafe(`/proc/${pid}/task/${task}/children`).split(" ").filter(Boolean).map(Number),
  );
  return [pid, ...children.flatMap(tree)];
}

/** VmHWM (the process's peak RSS so far), in kB; 0 once it has gone. */
function peakOf(pid: number): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readSafe(`/proc/${pid}/status`))?.[1] ?? 0);
}

function kill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone: nothing to stop.
  }
}

function readSafe(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
