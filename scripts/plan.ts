import { runPlanCommand } from "../src/cli/plan-command";

runPlanCommand(process.argv.slice(2), {
  stdout: (text) => console.log(text),
  stderr: (text) => console.error(text),
  env: process.env,
  now: () => new Date(),
}).then((code) => {
  process.exitCode = code;
});
