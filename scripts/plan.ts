import { processIO } from "../src/cli/io";
import { runPlanCommand } from "../src/cli/plan-command";

runPlanCommand(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
