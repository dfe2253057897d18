import { existsSync, linkSync, statSync } from "node:fs";
import path from "node:path";
import { CommandError, EXIT } from "./io";
import { removeQuietly, writeBeside } from "./write-file";

/** The refusal to replace a stack file: init never overwrites one. */
export function refuseExisting(file: string): CommandError {
  return new CommandError(
    `Refusing to overwrite ${file}: it exists. Allowed: a stack name without a file; edit or remove the file instead.`,
    EXIT.usage,
  );
}

/** Fails with exit 2 unless `file` is free and its directory exists. */
export function checkNewFile(file: string): void {
  if (existsSync(file)) throw refuseExisting(file);
  const dir = path.dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CommandError(
      `Invalid directory for ${file}: ${dir} does not exist. Allowed: run in the project (it has stacks/), or --cwd DIR.`,
      EXIT.usage,
    );
  }
}

/**
 * Creates `file` with `content` whole or not at all, and never over an existing file: the text goes to a
 * temporary file beside it (fsynced), which is then hard-linked to the name — a link fails when the name exists,
 * even when another process made it a moment ago, where a rename would replace it.
 */
export function createFileOnce(file: string, content: string): void {
  let temporary: string | undefined;
  try {
    temporary = writeBeside(file, content, 0o644);
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST" && existsSync(file)) throw refuseExisting(file);
    throw error;
  } finally {
    if (temporary !== undefined) removeQuietly(temporary);
  }
}
