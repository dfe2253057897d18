import type { EngineEvent } from "@pulumi/pulumi/automation";
import path from "node:path";
import { z } from "zod";
import { type Snapshot, SnapshotSchema } from "../snapshot";
import { formatDuration } from "../util/durations";
import {
  BundleError,
  type Manifest,
  newManifest,
  prepareDir,
  readManifest,
  readSealed,
  writePrivate,
  writeSealed,
} from "./bundle-files";
import type { ShardResult } from "./cycle-types";

/**
 * A checked bundle: what `--check` hands the later phases of a sharded cycle on other hosts — the snapshot and
 * each shard's checked preview events, sealed with AES-256-GCM (they hold names and logins), and a plain
 * `manifest.json` with counts only. `--apply-shard` adds each shard's sealed result.
 */
export interface CheckedBundle {
  readonly manifest: Manifest;
  readonly snapshot: Snapshot;
}

/** What a later phase expects of a bundle. */
export interface BundleExpectation {
  readonly stack: string;
  readonly shards: number;
  /** Epoch ms. */
  readonly now: number;
  readonly maxAgeMs: number;
}

const ResultSchema = z.strictObject({
  shard: z.number().int().nonnegative(),
  stack: z.string(),
  status: z.enum(["applied", "unchanged", "refused", "locked", "failed"]),
  error: z.string().optional(),
});

const previewFile = (shard: number): string => `preview-${shard}.bin`;
const resultFile = (shard: number): string => `result-${shard}.bin`;

/** Writes a bundle into `dir` (created 0700, an earlier bundle's files removed), every file 0600. */
export function writeBundle(
  dir: string,
  key: Buffer,
  fields: {
    stack: string;
    createdAt: number;
    snapshot: Snapshot;
    previews: readonly (readonly EngineEvent[])[];
    changes: readonly number[];
  },
): Manifest {
  const manifest = newManifest({
    stack: fields.stack,
    shards: fields.previews.length,
    createdAt: fields.createdAt,
    employees: fields.snapshot.employees.length,
    changes: [...fields.changes],
  });
  prepareDir(dir);
  writeSealed(dir, "snapshot.bin", manifest, key, fields.snapshot);
  fields.previews.forEach((events, shard) => writeSealed(dir, previewFile(shard), manifest, key, events));
  writePrivate(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Opens a bundle for a later phase: refuses one for another stack or shard count, one older than `maxAgeMs`, and
 * one whose files do not authenticate under `key` (changed, or another key) — each a one-line {@link BundleError}.
 */
export function openBundle(dir: string, key: Buffer, expect: BundleExpectation): CheckedBundle {
  const manifest = readManifest(dir);
  if (manifest.stack !== expect.stack || manifest.shards !== expect.shards) {
    throw new BundleError(
      `Invalid checked bundle ${dir}: it was checked for stack ${manifest.stack} with ${manifest.shards} shards. ` +
        `Allowed: a bundle of --stack ${expect.stack} with ${expect.shards} shards (personio-azuread:shards).`,
    );
  }
  const age = expect.now - manifest.createdAt;
  if (age > expect.maxAgeMs || age < -60_000) {
    throw new BundleError(
      `Invalid checked bundle ${dir}: written ${formatDuration(Math.abs(age))} ${age < 0 ? "in the future" : "ago"}. ` +
        `Allowed: at most --max-bundle-age ${formatDuration(expect.maxAgeMs)} old; run --check again.`,
    );
  }
  const parsed = SnapshotSchema.safeParse(readSealed(dir, "snapshot.bin", manifest, key));
  if (!parsed.success)
    throw new BundleError(`Invalid checked bundle ${dir}: snapshot.bin holds no snapshot.`);
  return { manifest, snapshot: parsed.data };
}

/** Shard `shard`'s checked preview events. */
export function checkedEvents(dir: string, key: Buffer, manifest: Manifest, shard: number): EngineEvent[] {
  const events = readSealed(dir, previewFile(shard), manifest, key);
  if (!Array.isArray(events))
    throw new BundleError(`Invalid checked bundle ${dir}: ${previewFile(shard)} is missing.`);
  return events as EngineEvent[];
}

/** Seals how shard `result.shard`'s `--apply-shard` ended into the bundle (`result-<i>.bin`). */
export function writeShardResult(dir: string, key: Buffer, manifest: Manifest, result: ShardResult): void {
  writeSealed(dir, resultFile(result.shard), manifest, key, result);
}

/** How shard `shard`'s `--apply-shard` ended; undefined when it left no result (it did not run, or not to the end). */
export function readShardResult(
  dir: string,
  key: Buffer,
  manifest: Manifest,
  shard: number,
): ShardResult | undefined {
  const raw = readSealed(dir, resultFile(shard), manifest, key);
  if (raw === undefined) return undefined;
  const parsed = ResultSchema.safeParse(raw);
  if (!parsed.success || parsed.data.shard !== shard)
    throw new BundleError(
      `Invalid checked bundle ${dir}: ${resultFile(shard)} holds no result of shard ${shard}.`,
    );
  const { error, ...rest } = parsed.data;
  return error === undefined ? rest : { ...rest, error };
}
