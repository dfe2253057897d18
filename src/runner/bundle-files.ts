import { randomUUID } from "node:crypto";
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { z } from "zod";
import { SEAL_KEY_BYTES, seal, unseal } from "../util/seal";

/** The key that seals a checked bundle: 32 random bytes in base64 (`openssl rand -base64 32`). */
export const BUNDLE_KEY_ENV = "PERSONIO_AZUREAD_BUNDLE_KEY";

/** A bundle that cannot be written or must not be used; one line naming the directory, never its content. */
export class BundleError extends Error {
  override readonly name = "BundleError";
}

/** The only plain file of a bundle: which stack, how many shards, when, and counts. */
export const ManifestSchema = z.strictObject({
  version: z.literal(1),
  /** Random per bundle; results of `--apply-shard` carry it, so they cannot be mixed between bundles. */
  id: z.string().uuid(),
  stack: z.string().min(1),
  shards: z.number().int().min(1),
  /** Epoch ms of the `--check` that wrote it. */
  createdAt: z.number().int().nonnegative(),
  employees: z.number().int().nonnegative(),
  /** Changes the checked preview of each shard showed, in shard order. */
  changes: z.array(z.number().int().nonnegative()),
});

export type Manifest = z.infer<typeof ManifestSchema>;

/** The bundle key from the environment; a missing or malformed one is a {@link BundleError} (never its value). */
export function bundleKey(env: Readonly<Record<string, string | undefined>>): Buffer {
  const text = env[BUNDLE_KEY_ENV] ?? "";
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text.trim()) ? Buffer.from(text.trim(), "base64") : undefined;
  if (key?.length === SEAL_KEY_BYTES) return key;
  const what = text === "" ? "not set" : `${key?.length ?? 0} bytes after base64 decoding`;
  throw new BundleError(
    `Invalid value for ${BUNDLE_KEY_ENV}: ${what}. Allowed: ${SEAL_KEY_BYTES} random bytes in base64 (openssl rand -base64 32), the same for --check and every later phase.`,
  );
}

/** A new manifest's identity: a random id and the creation time. */
export function newManifest(fields: Omit<Manifest, "version" | "id">): Manifest {
  return { version: 1, id: randomUUID(), ...fields };
}

/** The authenticated data of a sealed file: the bundle's identity and the file's name, so no file can be swapped. */
function aad(manifest: Manifest, file: string): string {
  return JSON.stringify([manifest.id, manifest.stack, manifest.shards, manifest.createdAt, file]);
}

/** Creates `dir` (0700) and removes an earlier bundle's files from it. */
export function prepareDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir))
    if (name === "manifest.json" || name.endsWith(".bin")) rmSync(path.join(dir, name), { force: true });
}

/** Writes `content` as a new file only its owner can read (0600). */
export function writePrivate(file: string, content: Buffer | string): void {
  rmSync(file, { force: true });
  const fd = openSync(file, "wx", 0o600);
  try {
    writeSync(fd, typeof content === "string" ? Buffer.from(content, "utf8") : content);
  } finally {
    closeSync(fd);
  }
}

/** Seals `value` (as JSON) into `dir/name`, bound to the manifest. */
export function writeSealed(
  dir: string,
  name: string,
  manifest: Manifest,
  key: Buffer,
  value: unknown,
): void {
  writePrivate(
    path.join(dir, name),
    seal(Buffer.from(JSON.stringify(value), "utf8"), key, aad(manifest, name)),
  );
}

/** Reads `dir/name` sealed for this manifest; undefined when absent; a {@link BundleError} when it does not authenticate. */
export function readSealed(dir: string, name: string, manifest: Manifest, key: Buffer): unknown {
  let sealed: Buffer;
  try {
    sealed = readFileSync(path.join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new BundleError(
      `Cannot read the checked bundle ${dir}: ${name}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
    );
  }
  const plain = unseal(sealed, key, aad(manifest, name));
  if (plain === undefined) {
    throw new BundleError(
      `Invalid checked bundle ${dir}: ${name} does not authenticate (changed, from another bundle, or sealed with another ${BUNDLE_KEY_ENV}). Allowed: the files --check wrote, read with its key.`,
    );
  }
  return JSON.parse(plain.toString("utf8")) as unknown;
}

/** Reads and validates `dir/manifest.json`. */
export function readManifest(dir: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
  } catch (error) {
    const why =
      error instanceof SyntaxError ? "not JSON" : ((error as NodeJS.ErrnoException).code ?? "unreadable");
    throw new BundleError(
      `Cannot read the checked bundle ${dir}: manifest.json: ${why}. Allowed: a directory --check --out wrote.`,
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError(
      `Invalid checked bundle ${dir}: manifest.json at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "unknown problem"}. Allowed: a manifest written by this runner's version.`,
    );
  }
  return parsed.data;
}
