import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The temp directory (`TMPDIR`) cannot hold the snapshot; the message names TMPDIR, the path and what is needed. */
export class TempDirError extends Error {
  override readonly name = "TempDirError";
}

const WHY: Readonly<Record<string, string>> = {
  ENOENT: "does not exist",
  ENOTDIR: "is not a directory",
  EACCES: "is not writable",
  EPERM: "is not writable",
  EROFS: "is not writable (read-only file system)",
};

/**
 * Checks, by creating and removing a directory named like a snapshot's, that `parent` (the temp directory:
 * `TMPDIR`, else `/tmp`) can hold snapshots; throws {@link TempDirError} with one line otherwise.
 * @example checkTempDir("/missing") throws "Invalid TMPDIR: /missing does not exist (ENOENT). Allowed: …"
 */
export function checkTempDir(parent: string = tmpdir()): void {
  let probe: string;
  try {
    probe = mkdtempSync(path.join(parent, `personio-azuread-${process.pid}-`));
  } catch (error) {
    throw tempDirError(parent, error);
  }
  rmSync(probe, { recursive: true, force: true });
}

/** The one line for a temp directory that failed `error` (an fs error); used by the check and the snapshot writer. */
export function tempDirError(parent: string, error: unknown): TempDirError {
  const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
  const why = WHY[code] ?? "cannot be written";
  return new TempDirError(
    `Invalid TMPDIR: ${parent} ${why} (${code}). Allowed: a writable directory; set TMPDIR to one, or unset it for /tmp.`,
  );
}
