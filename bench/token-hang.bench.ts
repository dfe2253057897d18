import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import { startReconcile, stubWorld } from "./reconcile-child";

const CYCLE_TIMEOUT_S = 5;
const SIGNAL_AFTER_MS = 1_000;
const KILL_AFTER_MS = 45_000;

/** A Personio whose token endpoint accepts the connection and the request, and never answers. */
async function hangingPersonio(): Promise<{
  url: string;
  nextAuth: () => Promise<void>;
  close: () => Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let waiting: (() => void)[] = [];
  const server: Server = createServer((request) => {
    if (request.url !== "/v1/auth") return;
    for (const resolve of waiting) resolve();
    waiting = [];
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    nextAuth: () => new Promise<void>((resolve) => waiting.push(resolve)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Issue 21: a token endpoint that never answers must not hold a cycle. The real runner (`reconcile --once`,
 * stub Pulumi CLI) against a hanging `POST /v1/auth`: how long past `--cycle-timeout` the cycle ends and the
 * process exits; and, with SIGTERM 1 s after the token request, how long the process takes to exit.
 * Goals: within cycle-timeout + 5 s, and within 5 s of SIGTERM.
 */
export async function run(): Promise<void> {
  const personio = await hangingPersonio();
  const world = await stubWorld(personio.url);
  try {
    console.log(`token endpoint that never answers: reconcile --once --cycle-timeout ${CYCLE_TIMEOUT_S}s`);
    const deadline = startReconcile(world.env, ["--cycle-timeout", `${CYCLE_TIMEOUT_S}s`], KILL_AFTER_MS);
    const failed = await deadline.line("cycle.failed");
    const failedAt = performance.now();
    const end = await deadline.exited;
    const cycleMs = Number(failed["durationMs"]);
    const overshoot = cycleMs - CYCLE_TIMEOUT_S * 1_000;
    const exitAfterDeadline = overshoot + (end.at - failedAt);
    console.log(`  cycle ended after:        ${cycleMs} ms (${overshoot} ms past the deadline)`);
    console.log(
      `  process exited:           ${Math.round(exitAfterDeadline)} ms past the deadline, code ${end.code}`,
    );
    console.log(`  reason:                   ${String(failed["reason"])}`);
    console.log(`  goal (deadline + 5 s):    ${exitAfterDeadline <= 5_000 ? "ok" : "MISSED"}`);

    const hung = personio.nextAuth();
    const stopped = startReconcile(world.env, ["--cycle-timeout", "10m"], KILL_AFTER_MS);
    await hung;
    await new Promise((resolve) => setTimeout(resolve, SIGNAL_AFTER_MS));
    const signalledAt = performance.now();
    stopped.kill("SIGTERM");
    const stoppedEnd = await stopped.exited;
    const reason = await Promise.race([
      stopped.line("cycle.failed").then((line) => String(line["reason"])),
      new Promise<string>((resolve) => setImmediate(() => resolve("(no cycle.failed line)"))),
    ]);
    const afterSignal = stoppedEnd.at - signalledAt;
    console.log(`SIGTERM ${SIGNAL_AFTER_MS} ms into the hanging token request (--cycle-timeout 10m)`);
    console.log(
      `  process exited:           ${Math.round(afterSignal)} ms after SIGTERM, code ${stoppedEnd.code}`,
    );
    console.log(`  reason:                   ${reason}`);
    console.log(`  goal (within 5 s):        ${afterSignal <= 5_000 ? "ok" : "MISSED"}`);
  } finally {
    await world.dispose();
    await personio.close();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
