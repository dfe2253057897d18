import { processIO } from "../src/cli/io";
import { runWriteBackCommand } from "../src/cli/write-back-command";
import { openStack } from "../src/engine/stack-ops";

runWriteBackCommand(process.argv.slice(2), { io: processIO(), openStack }).then((code) => {
  process.exitCode = code;
});
