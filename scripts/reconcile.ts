import { processIO } from "../src/cli/io";
import { runReconcileCommand } from "../src/cli/reconcile-command";
import { stopOnSignals } from "../src/cli/signals";
import { openStack } from "../src/engine/stack-ops";
import { systemClock } from "../src/util/clock";

const stop = new AbortController();
stopOnSignals(process, stop, (signal) =>
  console.error(`${signal}: no new operation starts; a running update may finish within --grace`),
);

runReconcileCommand(process.argv.slice(2), {
  io: processIO(),
  openStack,
  clock: systemClock,
  wallNow: () => Date.now(),
  random: Math.random,
  stop: stop.signal,
}).then((code) => {
  process.exitCode = code;
});
