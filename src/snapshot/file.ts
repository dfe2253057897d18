import {
  closeSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Snapshot, SnapshotSchema } from "./schema";
import { tempDirError } from "./temp-dir";

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

/** `personio-azuread-<pid>-XXXXXX`: the writer's process id, so a later run can tell a crashed run's leftovers. */
const PREFIX = "personio-azuread-";
const DIR_NAME = /^personio-azuread-(?:(\d+)-)?[A-Za-z0-9]{6}$/;

const live = new Set<string>();
let exitHookInstalled = false;

/**
 * Writes the snapshot into a new private directory (mode 0700) as a file only its owner can read (0600).
 * The snapshot holds personal data: it is deleted by `dispose`, and, should the process exit without
 * disposing (an uncaught error, `process.exit` after a signal), by an exit hook. A `parent` that cannot hold it
 * throws a `TempDirError` naming TMPDIR.
 */
export function writeSnapshot(snapshot: Snapshot, parent: string = tmpdir()): SnapshotFile {
  let dir: string;
  try {
    dir = mkdtempSync(path.join(parent, `${PREFIX}${process.pid}-`));
  } catch (error) {
    throw tempDirError(parent, error);
  }
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

/**
 * Removes the snapshot directories that runs of this user which are no longer alive left in `parent` (a run
 * killed by SIGKILL or a crash cannot delete its own): only directories named like ours, owned by this user,
 * whose writer's process is gone — never a running runner's. Directories of versions that did not record the
 * writer are removed too. Returns how many were removed; errors on single entries are skipped.
 */
export function removeStaleSnapshots(
  parent: string = tmpdir(),
  isAlive: (pid: number) => boolean = processAlive,
): number {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of entries) {
    const match = DIR_NAME.exec(name);
    if (match === null) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && (pid === process.pid || isAlive(pid))) continue;
    const dir = path.join(parent, name);
    try {
      const stat = lstatSync(dir);
      if (!stat.isDirectory() || stat.uid !== process.getuid?.()) continue;
      rmSync(dir, { recursive: true, force: true });
      removed += 1;
    } catch {
      continue;
    }
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
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
