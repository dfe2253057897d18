import { runInitCommand } from "../src/cli/init-command";
import { processIO } from "../src/cli/io";

runInitCommand(process.argv.slice(2), {
  io: processIO(),
  input: process.stdin,
  output: process.stdout,
}).then((code) => {
  process.exitCode = code;
});
