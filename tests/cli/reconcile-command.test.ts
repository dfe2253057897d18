import { runReconcileCommand } from "../../src/cli/reconcile-command";
import { systemClock } from "../../src/util/clock";

async function reconcile(args: string[]): Promise<{ code: number; err: string[]; opened: number }> {
  const err: string[] = [];
  let opened = 0;
  const code = await runReconcileCommand(["--stack", "prod", ...args], {
    io: { stdout: () => undefined, stderr: (t) => err.push(t), env: {}, now: () => new Date(0) },
    openStack: () => {
      opened++;
      return Promise.reject(new Error("must not be reached"));
    },
    clock: systemClock,
    wallNow: () => 0,
    random: () => 0,
    stop: new AbortController().signal,
  });
  return { code, err, opened };
}

describe("npm run reconcile: --interval, --jitter and --cycle-timeout", () => {
  it.each([
    [
      ["--interval", "1ms"],
      "Invalid value for --jitter: 60s (the default). Allowed: shorter than --interval 1ms; give a shorter --jitter.",
    ],
    [
      ["--jitter", "1h"],
      "Invalid value for --jitter: 1h. Allowed: shorter than --interval 30m (the default); give a shorter --jitter.",
    ],
    [
      ["--interval", "10s", "--jitter", "10s"],
      "Invalid value for --jitter: 10s. Allowed: shorter than --interval 10s; give a shorter --jitter.",
    ],
    [
      ["--interval", "20m"],
      "Invalid value for --cycle-timeout: 25m (the default). Allowed: shorter than --interval 20m, so cycles never overlap; give a shorter --cycle-timeout.",
    ],
    [
      ["--cycle-timeout", "30m"],
      "Invalid value for --cycle-timeout: 30m. Allowed: shorter than --interval 30m (the default), so cycles never overlap; give a shorter --cycle-timeout.",
    ],
  ])("fails with exit 2 for %p, naming both values", async (args, message) => {
    expect(await reconcile(args)).toEqual({ code: 2, err: [message], opened: 0 });
  });
});
