import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Snapshot, SnapshotSchema } from "./schema";

/** A snapshot written to disk for one cycle; `dispose` deletes it (idempotent). */
export interface SnapshotFile {
  readonly path: string;
  readonly employees: number;
  dispose(): void;
}

/** A snapshot file that cannot be read or does not hold a snapshot; the message names the file, never data. */
export class SnapshotError extends Error {
  override readonly name = "SnapshotError";
}

const live = new Set<string>();
let exitHookInstalled = false;

/**
 * Writes the snapshot into a new private directory (mode 0700) as a file only its owner can read (0600).
 * The snapshot holds personal data: it is deleted by `dispose`, and, should the process exit without
 * disposing (an uncaught error, `process.exit` after a signal), by an exit hook.
 */
export function writeSnapshot(snapshot: Snapshot, parent: string = tmpdir()): SnapshotFile {
  const dir = mkdtempSync(path.join(parent, "personio-azuread-"));
  live.add(dir);
  installExitHook();
  const file = path.join(dir, "snapshot.json");
  try {
    const fd = openSync(file, "wx", 0o600);
    try {
      writeSync(fd, JSON.stringify(snapshot));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    removeDir(dir);
    throw error;
  }
  return { path: file, employees: snapshot.employees.length, dispose: () => removeDir(dir) };
}

/** Reads and validates a snapshot file; throws {@link SnapshotError} with one line. */
export function readSnapshot(file: string): Snapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const why =
      error instanceof SyntaxError ? "not JSON" : ((error as NodeJS.ErrnoException).code ?? "unreadable");
    throw new SnapshotError(`Cannot read the Personio snapshot ${file}: ${why}.`);
  }
  const parsed = SnapshotSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? "" : ` at ${issue.path.join(".") || "(root)"}`;
    throw new SnapshotError(
      `Invalid Personio snapshot ${file}${where}: ${issue?.message ?? "unknown problem"}. Allowed: a snapshot written by this runner's version.`,
    );
  }
  return parsed.data;
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const dir of [...live]) removeDir(dir);
  });
}
