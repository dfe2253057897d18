import { runAttributesCommand } from "../src/cli/attributes-command";
import { processIO } from "../src/cli/io";

runAttributesCommand(process.argv.slice(2), {
  io: processIO(),
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
}).then((code) => {
  process.exitCode = code;
});
