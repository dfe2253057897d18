import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stackShards } from "../../src/cli/shard-count";
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

const TIMER = "Allowed: a duration above 0 up to 24d, such as 90s, 30m, 1h or 1d.";
const COMPARED = "Allowed: a duration above 0 up to 365d, such as 90s, 30m, 1h or 1d.";
const SKIPPED =
  "Allowed: a whole number of records >= 0 (12) or a percentage of the employees from 0% to 100% (5%).";
const JITTER = "Allowed: a duration from 0 up to 24d, such as 90s, 30m, 1h or 1d.";
const REFRESH = "Allowed: a duration above 0 up to 365d, such as 90s, 30m, 1h or 1d, or never.";

describe("npm run reconcile: the limits of every duration flag", () => {
  it.each([
    ["--cycle-timeout", "30d", TIMER],
    ["--cycle-timeout", "25d", TIMER],
    ["--grace", "25d", TIMER],
    ["--interval", "25d", TIMER],
    ["--jitter", "25d", JITTER],
    ["--max-lock-age", "366d", COMPARED],
    ["--max-staleness", "366d", COMPARED],
    ["--refresh-every", "366d", REFRESH],
    ["--interval", "0", TIMER],
    ["--interval", "0s", TIMER],
    ["--grace", "0", TIMER],
    ["--cycle-timeout", "0ms", TIMER],
    ["--max-lock-age", "0", COMPARED],
    ["--max-staleness", "0s", COMPARED],
    ["--refresh-every", "0", REFRESH],
    ["--interval", "0x1", TIMER],
    ["--jitter", "0x1", JITTER],
    ["--grace", "-5m", TIMER],
    ["--jitter", "-1s", JITTER],
    ["--max-lock-age", "-2h", COMPARED],
    ["--cycle-timeout", "30", TIMER],
    ["--jitter", "30", JITTER],
    ["--max-staleness", "3", COMPARED],
    ["--refresh-every", "1", REFRESH],
    ["--interval", "", TIMER],
    ["--jitter", "", JITTER],
    ["--max-lock-age", "", COMPARED],
    ["--max-staleness", "", COMPARED],
    ["--refresh-every", "", REFRESH],
    ["--grace", "never", TIMER],
    ["--max-staleness", "never", COMPARED],
    ["--max-skipped", "5.5", SKIPPED],
    ["--max-skipped", "101%", SKIPPED],
    ["--max-skipped", "-1", SKIPPED],
    ["--max-skipped", "", SKIPPED],
    ["--max-skipped", "five", SKIPPED],
  ])(
    "fails with exit 2 for %s=%j, naming the flag, the value and the limits",
    async (flag, value, allowed) => {
      expect(await reconcile(["--once", `${flag}=${value}`])).toEqual({
        code: 2,
        err: [`Invalid value for ${flag}: ${JSON.stringify(value)}. ${allowed}`],
        opened: 0,
      });
    },
  );

  it("fails with exit 2 for a negative value given as its own argument", async () => {
    expect(await reconcile(["--grace", "-5m"])).toEqual({
      code: 2,
      err: [
        expect.stringMatching(
          /^Option '--grace' argument is ambiguous\. Usage: npm run reconcile -- --stack /,
        ),
      ],
      opened: 0,
    });
  });

  it.each([
    [["--jitter", "0"]],
    [["--jitter", "0s"]],
    [["--once", "--cycle-timeout", "24d", "--grace", "24d"]],
    [["--interval", "24d", "--jitter", "23d", "--cycle-timeout", "23d"]],
    [["--refresh-every", "never", "--max-lock-age", "365d", "--max-staleness", "365d"]],
    [["--refresh-every", "365d"]],
  ])("accepts %p and opens the stack", async (args) => {
    expect(await reconcile(args)).toEqual({
      code: 1,
      err: ["Cannot start the reconcile loop: must not be reached"],
      opened: 1,
    });
  });
});

const ONLY_IDS =
  "Allowed: Personio employee ids (whole numbers above 0), comma-separated, such as 812 or 812,913.";

describe("npm run reconcile: --only", () => {
  it.each([
    ["abc", ONLY_IDS],
    ["", ONLY_IDS],
    ["-5", ONLY_IDS],
    ["0", ONLY_IDS],
    ["812,", ONLY_IDS],
    ["812,,913", ONLY_IDS],
    ["8.5", ONLY_IDS],
    ["0812", ONLY_IDS],
  ])("fails with exit 2 for --only=%j before the stack is opened", async (value, allowed) => {
    expect(await reconcile(["--once", `--only=${value}`])).toEqual({
      code: 2,
      err: [`Invalid value for --only: ${JSON.stringify(value)}. ${allowed}`],
      opened: 0,
    });
  });

  it("fails with exit 2 for --only without --once", async () => {
    expect(await reconcile(["--only", "812"])).toEqual({
      code: 2,
      err: [
        'Invalid value for --only: "812". Allowed: only with --once (a running loop targets employees through webhooks); add --once.',
      ],
      opened: 0,
    });
  });

  it.each([
    [["--once", "--only", "812"]],
    [["--once", "--only", "812, 913"]],
    [["--once", "--only=812,913,812"]],
  ])("accepts %p and opens the stack", async (args) => {
    expect(await reconcile(args)).toEqual({
      code: 1,
      err: ["Cannot start the reconcile loop: must not be reached"],
      opened: 1,
    });
  });
});

describe("stackShards: personio-azuread:shards of the stack file", () => {
  const project = (value: string | undefined): string => {
    const root = mkdtempSync(path.join(tmpdir(), "shards-"));
    mkdirSync(path.join(root, "stacks"));
    writeFileSync(
      path.join(root, "stacks", "Pulumi.prod.yaml"),
      `config:\n  personio-azuread:timezone: UTC\n${value === undefined ? "" : `  personio-azuread:shards: ${value}\n`}`,
    );
    return root;
  };

  it.each([
    [undefined, 1],
    ["1", 1],
    ["8", 8],
    ['"8"', 8],
    ["64", 64],
  ])("reads shards: %s as %d", (value, shards) => {
    expect(stackShards(project(value), "prod")).toBe(shards);
  });

  it.each(["0", "65", "2.5", "eight"])(
    "fails on shards: %s, naming the value and what is allowed",
    (value) => {
      const root = project(value);
      expect(() => stackShards(root, "prod")).toThrow(
        `Invalid value for personio-azuread:shards in ${path.join(root, "stacks", "Pulumi.prod.yaml")}: ` +
          `${JSON.stringify(value === "eight" ? "eight" : Number(value))}. Allowed: a whole number of shards from 1 to 64 (1: one stack, not sharded).`,
      );
    },
  );
});
