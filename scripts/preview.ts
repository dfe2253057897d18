import { processIO } from "../src/cli/io";
import { withTempDir } from "../src/cli/temp-dir";

const io = processIO();

// Loaded after the TMPDIR check: the Automation API's `tmp` dependency reads the temp directory on import.
withTempDir(io, async () => {
  const { runPreviewCommand } = await import("../src/cli/preview-command");
  const { openStack } = await import("../src/engine/stack-ops");
  return runPreviewCommand(process.argv.slice(2), { io, openStack });
}).then((code) => {
  process.exitCode = code;
});
