import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { runPreviewCommand } from "../../src/cli/preview-command";
import { runReconcileCommand } from "../../src/cli/reconcile-command";
import { openStack } from "../../src/engine/stack-ops";
import { programEvents, userInputs } from "../fixtures/engine-events";
import {
  calls,
  COUNTS,
  dir,
  EMPLOYEES,
  lastOutputs,
  reconcileDeps,
  reconcileOnce,
  ROOT,
  scenario,
  snapshotsSeen,
  STUB,
  useStubWorld,
  whenCalled,
} from "./stub-harness";

useStubWorld();

const update = programEvents(
  [
    { employeeId: "7", op: "create", new: userInputs("7", "new.hire@contoso.com", { password: "[secret]" }) },
    {
      employeeId: "8",
      op: "update",
      old: userInputs("8", "anna@contoso.com", { department: "Support" }),
      new: userInputs("8", "anna@contoso.com", { department: "Sales" }),
      diffs: ["department"],
    },
    {
      employeeId: "9",
      op: "same",
      old: userInputs("9", "x@contoso.com"),
      new: userInputs("9", "x@contoso.com"),
    },
  ],
  COUNTS,
);

describe("reconcile --once through the Automation API", () => {
  it("previews, passes the guards and applies", async () => {
    scenario({
      preview: { events: update },
      up: { events: update },
      "stack output": { stdout: lastOutputs(100) },
    });
    const run = await reconcileOnce();
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    // The last success (tag, else history); the config and its one secret; the last outputs without secrets;
    // preview and up; after `up` the Automation API reads the outputs and the history entry of the update
    // itself; then the success is recorded in a stack tag.
    expect(calls()).toEqual([
      "version",
      "stack select",
      "stack tag",
      "stack history",
      "config",
      "config get",
      "stack output",
      "preview",
      "up",
      "stack output",
      "stack output",
      "stack history",
      "stack tag",
    ]);
    const argvs = readFileSync(path.join(dir, "calls.log"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as string[]);
    expect(argvs[6]).toEqual(["stack", "output", "--json", "--stack", "prod"]);
    expect(argvs[12]?.slice(0, 4)).toEqual(["stack", "tag", "set", "personio-azuread:last-success"]);
    expect(argvs[8]).toEqual(expect.arrayContaining(["up", "--yes", "--skip-preview", "--stack", "prod"]));
    // Preview and up read the one listing of this cycle, from a private file deleted afterwards.
    const seen = snapshotsSeen();
    expect(seen.filter((s) => s["command"] === "preview" || s["command"] === "up").length).toBe(2);
    expect(seen[0]).toEqual({
      command: "preview",
      path: seen[1]?.["path"],
      mode: 0o600,
      employees: EMPLOYEES.length,
      today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(seen[1]).toEqual({ ...seen[0], command: "up" });
    expect(existsSync(seen[0]?.["path"] as string)).toBe(false);
    expect(run.out.some((l) => / info cycle\.applied create=1 update=1 same=1 durationMs=\d+$/.test(l))).toBe(
      true,
    );
  });

  it("refuses (exit 2) and applies nothing when the preview deletes a user", async () => {
    const deleting = programEvents(
      [{ employeeId: "8", op: "delete", old: userInputs("8", "anna@contoso.com") }],
      COUNTS,
    );
    scenario({ preview: { events: deleting }, "stack output": { stdout: lastOutputs(100) } });
    const run = await reconcileOnce();
    expect(run.code).toBe(2);
    expect(calls()).not.toContain("up");
    expect(run.out.some((l) => l.includes("warn guard.refused guard=deletes"))).toBe(true);
  });

  it("applies a delete when --allow-deletes is given for this run", async () => {
    const deleting = programEvents(
      [{ employeeId: "8", op: "delete", old: userInputs("8", "anna@contoso.com") }],
      COUNTS,
    );
    scenario({ preview: { events: deleting }, up: {}, "stack output": { stdout: lastOutputs(100) } });
    const run = await reconcileOnce(["--allow-deletes"]);
    expect(run.code).toBe(0);
    expect(calls()).toContain("up");
  });

  it("skips the cycle with a warning when the stack is locked", async () => {
    scenario({
      preview: { exitCode: 255, stderr: "error: [409] Conflict: Another update is currently in progress.\n" },
      "stack output": { stdout: lastOutputs(100) },
    });
    const run = await reconcileOnce();
    expect(run.code).toBe(0);
    expect(calls()).not.toContain("up");
    expect(run.out.some((l) => l.includes("warn cycle.locked"))).toBe(true);
  });

  it("fails (exit 1) with the CLI's error line when the preview fails", async () => {
    scenario({
      preview: {
        exitCode: 1,
        stderr: "error: Personio GET /v1/company/employees offset=0: HTTP 500 (after 5 attempts)\n",
      },
      "stack output": { stdout: lastOutputs(100) },
    });
    const run = await reconcileOnce();
    expect(run.code).toBe(1);
    expect(
      run.out.some((l) => l.includes("error cycle.failed") && l.includes("HTTP 500 (after 5 attempts)")),
    ).toBe(true);
  });

  it("refreshes first when the last refresh is older than --refresh-every", async () => {
    scenario({
      preview: { events: update },
      up: {},
      refresh: {},
      "stack output": { stdout: lastOutputs(100) },
    });
    const run = await reconcileOnce(["--refresh-every", "1d"]);
    expect(run.code).toBe(0);
    expect(calls().slice(0, 11)).toEqual([
      "version",
      "stack select",
      "stack tag",
      "stack history",
      "stack history",
      "refresh",
      "stack history",
      "config",
      "config get",
      "stack output",
      "preview",
    ]);
    expect(calls()).toContain("up");
  });
});

describe("without a Pulumi CLI", () => {
  it("fails with one line naming where it looked and what is needed", async () => {
    const err: string[] = [];
    const code = await runReconcileCommand(
      ["--stack", "prod", "--once", "--cwd", ROOT, "--pulumi-root", dir],
      reconcileDeps({ stdout: () => undefined, stderr: (t) => err.push(t), env: {} }),
    );
    expect(code).toBe(1);
    expect(err).toEqual([
      `Cannot start the reconcile loop: Pulumi CLI not found or not runnable: ${dir}/bin/pulumi. Allowed: the Pulumi CLI 3.174 or later on PATH, or --pulumi-root DIR holding bin/pulumi.`,
    ]);
  });
});

describe("npm run preview through the Automation API", () => {
  it("writes the Markdown summary and exits 0 when the guards would pass", async () => {
    scenario({ preview: { events: update }, "stack output": { stdout: lastOutputs(100) } });
    const file = path.join(dir, "summary.md");
    const out: string[] = [];
    const code = await runPreviewCommand(
      ["--stack", "prod", "--cwd", ROOT, "--pulumi-root", STUB, "--summary-md", file],
      {
        io: { stdout: (t) => out.push(t), stderr: () => undefined, env: {}, now: () => new Date() },
        openStack,
      },
    );
    expect(code).toBe(0);
    const markdown = readFileSync(file, "utf8");
    expect(markdown).toContain("| 8 | update | department |");
    // The comment is public to the repository's readers: no UPN and no changed value by default.
    expect(markdown).not.toMatch(/Support|Sales|@contoso\.com/);
    expect(out).toEqual([`Summary written to ${file}`]);
  });

  it("lists UPNs and changed values with --show-names", async () => {
    scenario({ preview: { events: update }, "stack output": { stdout: lastOutputs(100) } });
    const file = path.join(dir, "summary.md");
    const code = await runPreviewCommand(
      ["--stack", "prod", "--cwd", ROOT, "--pulumi-root", STUB, "--summary-md", file, "--show-names"],
      {
        io: { stdout: () => undefined, stderr: () => undefined, env: {}, now: () => new Date() },
        openStack,
      },
    );
    expect(code).toBe(0);
    const markdown = readFileSync(file, "utf8");
    expect(markdown).toContain("anna@contoso.com");
    expect(markdown).toContain("Support");
    expect(markdown).toContain("Sales");
  });
});

describe("reconcile loop: a signal during an update", () => {
  async function loopUntilSignal(upDelayMs: number, grace: string) {
    scenario({
      preview: { events: update },
      up: { events: update, delayMs: upDelayMs },
      "stack output": { stdout: lastOutputs(100) },
    });
    const stop = new AbortController();
    const out: string[] = [];
    const code = await runReconcileCommand(
      ["--stack", "prod", "--cwd", ROOT, "--pulumi-root", STUB, "--refresh-every", "never", "--grace", grace],
      reconcileDeps({
        stdout: (line) => {
          out.push(line);
          // Signal once the update has started, whatever the machine's load: not a fixed delay.
          if (line.includes("preview.done")) void whenCalled("up").then(() => stop.abort("SIGTERM"));
        },
        stop: stop.signal,
      }),
    );
    return { code, out };
  }

  it("lets the running update finish within the grace period, then exits 0", async () => {
    const run = await loopUntilSignal(1_500, "30s");
    expect(run.code).toBe(0);
    expect(run.out.some((l) => l.includes("info cycle.applied"))).toBe(true);
    expect(run.out.some((l) => l.includes("warn cycle.cancelling"))).toBe(false);
    expect(run.out.at(-1)).toMatch(/ info loop\.stopped cycles=1$/);
  }, 20_000);

  it("cancels an update that outlasts the grace period, then exits 0", async () => {
    const run = await loopUntilSignal(20_000, "1s");
    expect(run.code).toBe(0);
    expect(run.out.some((l) => l.includes("warn cycle.cancelling"))).toBe(true);
    expect(run.out.some((l) => l.includes("info cycle.applied"))).toBe(false);
    expect(run.out.find((l) => l.includes("error cycle.failed"))).toContain(
      'reason="up cancelled by SIGTERM after 1 s of grace"',
    );
    expect(run.out.at(-1)).toMatch(/ info loop\.stopped cycles=1$/);
  }, 30_000);
});
