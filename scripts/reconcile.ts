import { processIO } from "../src/cli/io";
import { withTempDir } from "../src/cli/temp-dir";

const io = processIO();

// Loaded after the TMPDIR check: the Automation API's `tmp` dependency reads the temp directory on import.
withTempDir(io, async () => {
  const { runReconcileCommand } = await import("../src/cli/reconcile-command");
  const { stopOnSignals } = await import("../src/cli/signals");
  const { openStack } = await import("../src/engine/stack-ops");
  const { systemClock } = await import("../src/util/clock");
  const stop = new AbortController();
  stopOnSignals(process, stop, (signal) =>
    console.error(`${signal}: no new operation starts; a running update may finish within --grace`),
  );
  return runReconcileCommand(process.argv.slice(2), {
    io,
    openStack,
    clock: systemClock,
    wallNow: () => Date.now(),
    random: Math.random,
    stop: stop.signal,
  });
}).then((code) => {
  process.exitCode = code;
});
