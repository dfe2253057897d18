import { checkTempDir, TempDirError } from "../snapshot";
import { type CommandIO, EXIT } from "./io";

/**
 * Runs a command that writes a snapshot (and whose Automation API needs a temp directory already when it is
 * loaded) only once the temp directory is usable: else one line naming TMPDIR on stderr and exit 2, like other
 * bad environment. `load` imports and runs the command, so a bad TMPDIR is reported before anything else loads.
 */
export async function withTempDir(
  io: CommandIO,
  load: () => Promise<number>,
  check: () => void = checkTempDir,
): Promise<number> {
  try {
    check();
  } catch (error) {
    if (!(error instanceof TempDirError)) throw error;
    io.stderr(error.message);
    return EXIT.usage;
  }
  return load();
}
