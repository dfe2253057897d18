import { runPreviewCommand } from "../src/cli/preview-command";
import { openStack } from "../src/runner/stack-ops";

runPreviewCommand(process.argv.slice(2), {
  io: {
    stdout: (t) => console.log(t),
    stderr: (t) => console.error(t),
    env: process.env,
    now: () => new Date(),
  },
  openStack,
}).then((code) => {
  process.exitCode = code;
});
