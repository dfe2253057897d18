import { processIO } from "../src/cli/io";
import { runPreviewCommand } from "../src/cli/preview-command";
import { openStack } from "../src/engine/stack-ops";

runPreviewCommand(process.argv.slice(2), {
  io: processIO(),
  openStack,
}).then((code) => {
  process.exitCode = code;
});
