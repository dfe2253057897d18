import type { CheckpointSizes } from "./checkpoint";

/** The goals of issue 24 for one shard's program under mocks. */
export const SHARD_GOAL = { maxMs: 15_000, maxRssMb: 1024 } as const;

/** One shard's measurement: its program's time (undefined when it failed), its process's time and peak RSS. */
export interface ShardRun {
  readonly index: number;
  readonly programMs: number | undefined;
  readonly processMs: number;
  readonly peakRssMb: number;
}

/**
 * The goal lines of the shards bench. "Each shard under 1 GB and 15 s" is judged per shard (its program, run
 * next to another one). "All shards within 2 × the slowest shard" is judged as written — the wall time of all
 * shards against twice the slowest shard's process — and, as this machine can allow it, against the floor
 * that `parallelism` at a time sets: ⌈shards / parallelism⌉ rounds of the slowest shard.
 * @example 8 shards of 10 s, 2 at a time, 41 s in all → 41 s vs 20 s: not met (4 rounds); floor 40 s: 1.03×
 */
export function judgeShards(runs: readonly ShardRun[], wallMs: number, parallelism: number): string[] {
  const failed = runs.filter((r) => r.programMs === undefined);
  const done = runs.filter((r) => r.programMs !== undefined);
  const slowest = [...runs].sort((a, b) => b.processMs - a.processMs)[0];
  if (slowest === undefined) return ["no shards ran"];
  const slowestProgram = Math.max(...done.map((r) => r.programMs ?? 0));
  const overTime = done.filter((r) => (r.programMs ?? 0) >= SHARD_GOAL.maxMs).length;
  const overMemory = runs.filter((r) => r.peakRssMb >= SHARD_GOAL.maxRssMb).length;
  const rounds = Math.ceil(runs.length / parallelism);
  const floor = rounds * slowest.processMs;
  const met = (ok: boolean) => (ok ? "met" : "not met");
  return [
    `all ${runs.length} shards: ${s(wallMs)} s wall (${failed.length} failed); slowest shard prod-${slowest.index}: ` +
      `${s(slowest.processMs)} s process, ${s(slowestProgram)} s program, max peak RSS ` +
      `${Math.max(...runs.map((r) => r.peakRssMb))} MB`,
    `goal each shard under 15 s and 1 GB: ${met(failed.length + overTime + overMemory === 0)} ` +
      `(${overTime} over 15 s, ${overMemory} over ${SHARD_GOAL.maxRssMb} MB, ${failed.length} failed)`,
    `goal all shards within 2 × the slowest shard (as written: wall ${s(wallMs)} s vs 2 × ${s(slowest.processMs)} s = ` +
      `${s(2 * slowest.processMs)} s): ${met(wallMs <= 2 * slowest.processMs)}; ${parallelism} at a time need ` +
      `${rounds} rounds, so it holds only with ${Math.ceil(runs.length / 2)}+ shards at a time (runners for half the shards)`,
    `on this machine (${parallelism} at a time): wall ${s(wallMs)} s vs the floor of ${rounds} rounds × slowest = ` +
      `${s(floor)} s: ${(wallMs / floor).toFixed(2)}×`,
  ];
}

/** One line of checkpoint sizes: the file, bytes per resource, and what a first `up` writes to a DIY backend. */
export function formatCheckpoint(label: string, c: CheckpointSizes): string {
  const perResource = c.bytes / c.resources;
  const estimate = (c.resources * c.resources * perResource) / 2;
  return (
    `${label}: ${c.resources} resources, checkpoint ${mb(c.bytes)} MB compact / ${mb(c.indentedBytes)} MB indented ` +
    `(${Math.round(perResource)} B/resource); first up on a self-managed backend writes Σ size(k) = ` +
    `${gb(c.firstUpBytes)} GB compact / ${gb(c.firstUpIndentedBytes)} GB indented (N²/2 × B/resource ≈ ${gb(estimate)} GB)`
  );
}

function s(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

function gb(bytes: number): string {
  return (bytes / 1e9).toFixed(1);
}
