import { runGraphCommand } from "../src/cli/graph-command";
import { processIO } from "../src/cli/io";

runGraphCommand(process.argv.slice(2), { io: processIO() }).then((code) => {
  process.exitCode = code;
});
