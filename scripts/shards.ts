import { processIO } from "../src/cli/io";
import { runShardsCommand } from "../src/cli/shards-command";

runShardsCommand(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
