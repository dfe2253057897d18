import { randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { CommandError, EXIT } from "./io";

/**
 * How an output file is written: `replace` writes beside the (resolved) target and renames, `direct` opens the
 * target and writes into it (a character device, a FIFO, `/dev/stdout`), which a rename would replace.
 */
export type OutputTarget =
  { readonly kind: "replace"; readonly file: string } | { readonly kind: "direct"; readonly file: string };

/**
 * Checks where `--<flag> file` may write, before any work is done: fails with exit 2 when the path is a
 * directory, its directory is missing or not writable, or it is something other than a file, device or FIFO.
 * Example: `outputTarget("json", "/dev/null")` is `{kind: "direct"}`; `outputTarget("json", "/tmp")` throws.
 */
export function outputTarget(flag: string, file: string): OutputTarget {
  const refuse = (why: string): never => {
    throw new CommandError(
      `Invalid value for --${flag}: ${JSON.stringify(file)} ${why}. Allowed: a file in an existing, writable directory, a character device or a FIFO.`,
      EXIT.usage,
    );
  };
  const absolute = path.resolve(file);
  const link = lstatOrUndefined(absolute);
  if (link === undefined) {
    const parent = statOrUndefined(path.dirname(absolute));
    if (parent === undefined) return refuse("is in a directory that does not exist");
    if (!parent.isDirectory()) return refuse("is in something that is not a directory");
    if (!writable(path.dirname(absolute))) return refuse("is in a directory that is not writable");
    return { kind: "replace", file: absolute };
  }
  const target = statOrUndefined(absolute);
  if (target === undefined) return refuse("is a link to nothing");
  if (target.isDirectory()) return refuse("is a directory");
  if (target.isCharacterDevice() || target.isFIFO()) return { kind: "direct", file: absolute };
  if (!target.isFile()) return refuse("is neither a file, a character device nor a FIFO");
  // /dev/stdout and /proc/self/fd/N name an open descriptor: renaming onto what they resolve to would cut
  // the shell's redirection off from the output.
  if (isDescriptorPath(absolute)) return { kind: "direct", file: absolute };
  const real = link.isSymbolicLink() ? realpathSync(absolute) : absolute;
  if (!writable(path.dirname(real))) return refuse("is in a directory that is not writable");
  return { kind: "replace", file: real };
}

/**
 * Writes `content` where {@link outputTarget} said: a file is replaced atomically through a temporary file
 * (mode 0600, removed on any failure), so a reader never sees half a file and a failed run leaves none behind.
 */
export function writeOutput(target: OutputTarget, content: string): void {
  if (target.kind === "direct") {
    // Append: `/dev/stdout` may be a file the shell opened, holding what was printed before.
    writeFileSync(target.file, content, { flag: "a" });
    return;
  }
  const temporary = writeBeside(target.file, content, 0o600);
  try {
    renameSync(temporary, target.file);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
}

/**
 * Writes `content` to a new temporary file beside `file` (created exclusively with `mode`, fsynced) and returns
 * its path, for the caller to rename or link into place and then remove. On failure none of it is left.
 */
export function writeBeside(file: string, content: string, mode: number): string {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    const fd = openSync(temporary, "wx", mode);
    try {
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
  return temporary;
}

function isDescriptorPath(file: string): boolean {
  return file.startsWith("/dev/") || file.startsWith("/proc/");
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Removes `file` if it is there. */
export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone, or never created: nothing of it is left either way.
  }
}
