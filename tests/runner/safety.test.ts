import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { runPreviewCommand } from "../../src/cli/preview-command";
import { openStack } from "../../src/engine/stack-ops";
import { programEvents, userInputs } from "../fixtures/engine-events";
import {
  calls,
  COUNTS,
  lastOutputs,
  reconcileOnce,
  ROOT,
  sandbox,
  scenario,
  STUB,
  useStubWorld,
  whenCalled,
} from "./stub-harness";

/** Issue 9 through the real Automation API and the stub CLI: what reaches the tenant, deadlines, signals, redaction. */
useStubWorld();

/** `n` users updated (department); with `disable`, every one of them also disabled. */
function updates(n: number, disable: boolean) {
  return programEvents(
    Array.from({ length: n }, (_, i) => {
      const id = String(100 + i);
      return {
        employeeId: id,
        op: "update",
        old: userInputs(id, `u${id}@contoso.com`, { department: "A" }),
        new: userInputs(id, `u${id}@contoso.com`, { department: "B", accountEnabled: !disable }),
        diffs: disable ? ["accountEnabled", "department"] : ["department"],
      };
    }),
    COUNTS,
  );
}

function errorLine(out: string[]): string | undefined {
  return out.find((l) => l.includes(" error cycle.failed "));
}

describe("reconcile --once: up applies what the preview checked", () => {
  it("fails (exit 1) and cancels the update when up disables accounts the preview did not", async () => {
    scenario({
      preview: { events: updates(30, false) },
      up: { events: updates(30, true), delayMs: 20_000 },
      "stack output": { stdout: lastOutputs(100) },
    });
    const run = await reconcileOnce();
    expect(run.code).toBe(1);
    expect(errorLine(run.out)).toContain(
      'reason="up applied changes the preview did not show: 30 disables (preview: 0); ' +
        "employee-100 update accountEnabled (preview: department); " +
        "employee-101 update accountEnabled (preview: department); " +
        "employee-102 update accountEnabled (preview: department); " +
        "employee-103 update accountEnabled (preview: department); " +
        'employee-104 update accountEnabled (preview: department); 25 more resources"',
    );
    expect(run.out.some((l) => l.includes("cycle.applied"))).toBe(false);
  }, 30_000);
});

describe("reconcile --once: deadlines", () => {
  it("cancels an up that outlasts --cycle-timeout and says so", async () => {
    scenario({
      preview: { events: updates(1, false) },
      up: { events: updates(1, false), delayMs: 20_000 },
      "stack output": { stdout: lastOutputs(100) },
    });
    const run = await reconcileOnce(["--cycle-timeout", "3s"]);
    expect(run.code).toBe(1);
    expect(errorLine(run.out)).toContain(
      'reason="cycle timed out after 3 s (--cycle-timeout) during the up; it was cancelled"',
    );
  }, 30_000);
});

describe("reconcile --once: a Personio that trickles", () => {
  it("cancels the listing at --cycle-timeout; no preview starts", async () => {
    sandbox.setFaults({ trickle: { offset: 0, times: "always", intervalMs: 1_000 } });
    scenario({ preview: { events: updates(1, false) }, "stack output": { stdout: lastOutputs(100) } });
    const run = await reconcileOnce(["--cycle-timeout", "3s"]);
    expect(run.code).toBe(1);
    expect(errorLine(run.out)).toContain(
      'reason="cycle timed out after 3 s (--cycle-timeout) during the Personio listing; it was cancelled"',
    );
    expect(calls()).not.toContain("preview");
  }, 30_000);
});

describe("reconcile --once: signals", () => {
  it("lets an up finish within --grace after SIGTERM, then exits by the cycle's result", async () => {
    scenario({
      preview: { events: updates(1, false) },
      up: { events: updates(1, false), delayMs: 1_500 },
      "stack output": { stdout: lastOutputs(100) },
    });
    const stop = new AbortController();
    const run = await reconcileOnce(["--grace", "30s"], stop.signal, (line) => {
      if (line.includes("preview.done")) void whenCalled("up").then(() => stop.abort("SIGTERM"));
    });
    expect(run.code).toBe(0);
    expect(run.out.some((l) => l.includes("info cycle.applied"))).toBe(true);
  }, 30_000);

  it("cancels an up past --grace and exits 1, naming the signal and the grace", async () => {
    scenario({
      preview: { events: updates(1, false) },
      up: { events: updates(1, false), delayMs: 20_000 },
      "stack output": { stdout: lastOutputs(100) },
    });
    const stop = new AbortController();
    const run = await reconcileOnce(["--grace", "1s"], stop.signal, (line) => {
      if (line.includes("preview.done")) void whenCalled("up").then(() => stop.abort("SIGTERM"));
    });
    expect(run.code).toBe(1);
    expect(errorLine(run.out)).toContain('reason="up cancelled by SIGTERM after 1 s of grace"');
    expect(run.out.join("\n")).not.toContain("code: -2");
  }, 30_000);

  it("starts no up after a signal during the preview", async () => {
    scenario({
      preview: { events: updates(1, false), delayMs: 20_000 },
      up: { events: updates(1, false) },
      "stack output": { stdout: lastOutputs(100) },
    });
    const stop = new AbortController();
    const run = await reconcileOnce([], stop.signal, (line) => {
      if (line.includes("personio.listed")) void whenCalled("preview").then(() => stop.abort("SIGINT"));
    });
    expect(run.code).toBe(1);
    expect(calls()).not.toContain("up");
    expect(errorLine(run.out)).toContain('reason="stopped by SIGINT during the preview; nothing applied"');
  }, 30_000);
});

describe("reconcile --once: failures are visible", () => {
  it("fails (exit 1) on a lock older than --max-lock-age, naming its age and pulumi cancel", async () => {
    const at = new Date(Date.now() - 3 * 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
    scenario({
      preview: {
        exitCode: 255,
        stderr: `error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.\n  file:///state/.pulumi/locks/organization/personio-azuread/prod/0a.json: created by ops@runner (pid 7) at ${at}\n`,
      },
      "stack output": { stdout: lastOutputs(100) },
    });
    const run = await reconcileOnce();
    expect(run.code).toBe(1);
    expect(errorLine(run.out)).toMatch(
      /the stack has been locked for 3 h \(longer than --max-lock-age 2 h\): if no update is running, clear the lock with \\"pulumi cancel --stack prod\\"/,
    );
  }, 30_000);

  it("redacts addresses and names from a provider error, keeping the resource and the cause", async () => {
    scenario({
      preview: { events: updates(1, false) },
      up: {
        exitCode: 255,
        stderr:
          "error: azuread:index/user:User resource 'employee-812' has a problem: Could not update user \"jane.roe@example.org\" (Jane Roe): Another object with the same value for property userPrincipalName already exists.\n",
      },
      "stack output": { stdout: lastOutputs(100) },
    });
    const run = await reconcileOnce();
    expect(run.code).toBe(1);
    const line = errorLine(run.out) as string;
    expect(line).toContain(
      "Could not update user [redacted] ([redacted]): Another object with the same value for property userPrincipalName already exists.",
    );
    expect(line).toContain("employee-812");
    expect(run.out.join("\n")).not.toMatch(/jane|Roe/i);
  }, 30_000);

  it("redacts the snapshot's people from a provider error that neither quotes nor addresses them", async () => {
    scenario({
      preview: { events: updates(1, false) },
      up: {
        exitCode: 255,
        stderr:
          "error: azuread:index/user:User resource 'employee-2' has a problem: update of Jürgen Böhm failed: login juergen.boehm taken by KATHARINA.VOGEL\n",
      },
      "stack output": { stdout: lastOutputs(100) },
    });
    const bodies: string[] = [];
    const hook = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        bodies.push(body);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const run = await reconcileOnce(["--notify-url", url, "--notify-format", "json"]).finally(
      () => new Promise<void>((resolve) => hook.close(() => resolve())),
    );
    expect(run.code).toBe(1);
    const cause =
      "error: azuread:index/user:User resource 'employee-2' has a problem: update of [redacted] failed: login [redacted] taken by [redacted]";
    expect(errorLine(run.out)).toContain(`reason="${cause}"`);
    expect(bodies.map((body) => (JSON.parse(body) as { error?: string }).error)).toEqual([cause]);
    expect([...run.out, ...bodies].join("\n")).not.toMatch(/Jürgen|Böhm|boehm|vogel/i);
  }, 30_000);
});

describe("a mistyped stack", () => {
  const missing = { "stack select": { exitCode: 255, stderr: "error: no stack named 'prdo' found\n" } };

  it("is a usage error (exit 2) in reconcile, with the CLI's cause", async () => {
    scenario(missing);
    const run = await reconcileOnce(["--stack", "prdo"]);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      `no stack named 'prdo' found in ${ROOT}. Allowed: an existing stack (pulumi stack ls); the runner never creates one.`,
    ]);
  });

  it("is a usage error (exit 2) in preview, with the CLI's cause", async () => {
    scenario(missing);
    const err: string[] = [];
    const code = await runPreviewCommand(["--stack", "prdo", "--cwd", ROOT, "--pulumi-root", STUB], {
      io: { stdout: () => undefined, stderr: (t) => err.push(t), env: {}, now: () => new Date() },
      openStack,
    });
    expect(code).toBe(2);
    expect(err).toEqual([
      `no stack named 'prdo' found in ${ROOT}. Allowed: an existing stack (pulumi stack ls); the runner never creates one.`,
    ]);
  });
});
