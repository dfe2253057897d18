import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Writes beside the target and renames, so a reader never sees half a file and a failed run leaves none. */
export function writeAtomically(file: string, content: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
