import { processIO } from "../src/cli/io";
import { withTempDir } from "../src/cli/temp-dir";

const io = processIO();

// Loaded after the TMPDIR check: the Automation API's `tmp` dependency reads the temp directory on import.
withTempDir(io, async () => {
  const { runWriteBackCommand } = await import("../src/cli/write-back-command");
  const { openStack } = await import("../src/engine/stack-ops");
  return runWriteBackCommand(process.argv.slice(2), { io, openStack });
}).then((code) => {
  process.exitCode = code;
});
