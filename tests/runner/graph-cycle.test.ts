import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { runReconcileCommand } from "../../src/cli/reconcile-command";
import type { GraphEmulator } from "../../src/sandbox";
import { programEvents, userInputs } from "../fixtures/engine-events";
import { RecordingClock } from "../graph/fake-graph";
import {
  codesIn,
  emulatorClient,
  FALLBACK,
  filesUnder,
  GRAPH_STACK,
  MANAGER_UPN,
  NOW,
  company,
  startTenant,
} from "./graph-world";
import {
  COUNTS,
  dir,
  EMPLOYEES,
  reconcileDeps,
  ROOT,
  sandbox,
  scenario,
  STUB,
  useStubWorld,
} from "./stub-harness";

/** Issue 22's "Done when": reconcile cycles against the Personio sandbox and the Graph emulator (stub CLI). */
useStubWorld();

const update = programEvents(
  [
    {
      employeeId: "1",
      op: "update",
      old: userInputs("1", MANAGER_UPN, { department: "A" }),
      new: userInputs("1", MANAGER_UPN, { department: "Eng" }),
      diffs: ["department"],
    },
  ],
  COUNTS,
);
const outputs = JSON.stringify({ counts: { ...COUNTS, employees: 9 } });

let graph: GraphEmulator | undefined;
let hook: Server;
let posted: string[];
let tmp: string | undefined;
beforeAll(() => sandbox.setEmployees(company()));
afterAll(() => sandbox.setEmployees(EMPLOYEES));
beforeEach(async () => {
  posted = [];
  hook = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      posted.push(body);
      response.writeHead(200).end("1");
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  // The cycle's snapshot is written under the test's own directory, so the test can look at every file.
  tmp = process.env["TMPDIR"];
  process.env["TMPDIR"] = dir;
});
afterEach(async () => {
  if (tmp === undefined) delete process.env["TMPDIR"];
  else process.env["TMPDIR"] = tmp;
  await graph?.close();
  graph = undefined;
  await new Promise<void>((resolve) => hook.close(() => resolve()));
});

/** One `reconcile --once` at {@link NOW}, its Graph client on the emulator; the metrics are scraped before exit. */
async function cycle(emulator: GraphEmulator, clock = new RecordingClock(), extra: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  let scrape: Promise<string> | undefined;
  const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  const code = await runReconcileCommand(
    [
      ...["--stack", "prod", "--once", "--cwd", ROOT, "--pulumi-root", STUB, "--refresh-every", "never"],
      ...["--listen", "127.0.0.1:0", "--notify-url", hookUrl, "--notify-format", "json"],
      ...extra,
    ],
    {
      ...reconcileDeps({
        stdout: (line) => {
          out.push(line);
          const base = /ops\.listening url=(\S+)/.exec(line)?.[1];
          if (base !== undefined) metricsUrl = `${base}/metrics`;
          if (line.includes("cycle.graph") && metricsUrl !== undefined)
            scrape = fetch(metricsUrl)
              .then((r) => r.text())
              .catch(() => "");
        },
        stderr: (line) => err.push(line),
      }),
      wallNow: () => NOW.getTime(),
      graph: () => emulatorClient(emulator, clock),
    },
  );
  const metrics = (await scrape) ?? "";
  return { code, out, err, metrics, graphLine: out.find((l) => l.includes("cycle.graph")) };
}
let metricsUrl: string | undefined;

function counts(emulator: GraphEmulator) {
  const { revoke, tapCreated, tapDeleted, patch, mail } = emulator.state.counts;
  return { revoke, tapCreated, tapDeleted, patch, mail };
}

describe("reconcile --once with the Graph step", () => {
  it("revokes the two leavers, issues and mails two passes, writes changed attributes; a second cycle does nothing", async () => {
    graph = await startTenant();
    scenario(
      { preview: { events: update }, up: { events: update }, "stack output": { stdout: outputs } },
      GRAPH_STACK,
    );
    const first = await cycle(graph);
    expect(first.code).toBe(0);
    expect(first.graphLine).toMatch(
      /info cycle\.graph status="applied, graph: 2 revoked, 2 access passes, 3 extension attributes" revoked=2 accessPasses=2 extensionAttributes=3 failed=0 heldBack=0$/,
    );
    expect(counts(graph)).toEqual({ revoke: 2, tapCreated: 2, tapDeleted: 0, patch: 2, mail: 2 });
    expect(graph.state.actions.map((a) => `${a.kind} ${a.userId}`).sort()).toEqual([
      "mail obj-sender",
      "mail obj-sender",
      "patch obj-1",
      "patch obj-5",
      "revoke obj-2",
      "revoke obj-3",
      "tapCreated obj-5",
      "tapCreated obj-6",
    ]);
    expect(graph.state.user("obj-1")?.onPremisesExtensionAttributes).toMatchObject({
      extensionAttribute1: "Eng",
      extensionAttribute2: "Dev",
    });
    expect(graph.state.user("obj-8")?.onPremisesExtensionAttributes).toMatchObject({
      extensionAttribute1: "Ops",
    });
    expect(first.out.filter((l) => l.includes("graph.skipped"))).toEqual([
      expect.stringMatching(/warn graph\.skipped employeeId=8 reason=synced_account$/),
    ]);
    const mails = graph.state.mail.map((m) => ({ to: m.to, subject: m.subject }));
    expect(mails.sort((a, b) => a.subject.localeCompare(b.subject))).toEqual([
      { to: [MANAGER_UPN], subject: "Temporary Access Pass for person.five@contoso.com" },
      { to: [FALLBACK], subject: "Temporary Access Pass for person.six@contoso.com" },
    ]);
    const codes = codesIn(graph.state.mail);
    expect(codes.map((code) => /^[A-Za-z2-9]{8}$/.test(code))).toEqual([true, true]);

    const second = await cycle(graph);
    expect(second.code).toBe(0);
    expect(second.graphLine).toContain('info cycle.graph status="applied, graph: nothing to do"');
    expect(counts(graph)).toEqual({ revoke: 2, tapCreated: 2, tapDeleted: 0, patch: 2, mail: 2 });

    const everything = [
      ...first.out,
      ...first.err,
      ...second.out,
      ...second.err,
      first.metrics,
      second.metrics,
      ...posted,
      ...filesUnder(dir),
    ].join("\n");
    expect(first.metrics).toContain("# TYPE");
    for (const code of codes) expect(everything).not.toContain(code);
  }, 60_000);

  it("stays applied (exit 0) and names the permission when revokes are refused with 403", async () => {
    graph = await startTenant({
      roles: ["User.Read.All", "UserAuthenticationMethod.ReadWrite.All", "Mail.Send"],
    });
    scenario(
      { preview: { events: update }, up: { events: update }, "stack output": { stdout: outputs } },
      GRAPH_STACK,
    );
    const run = await cycle(graph);
    expect(run.code).toBe(0);
    expect(run.graphLine).toContain(
      'warn cycle.graph status="applied, graph: revoke failed (missing User.RevokeSessions.All), ' +
        'extension attributes failed (missing User.ReadWrite.All), 2 access passes" revoked=0 accessPasses=2 ' +
        "extensionAttributes=0 failed=4 heldBack=0",
    );
    expect(run.out.filter((l) => l.includes("graph.failed") && l.includes("call=revokeSessions"))).toEqual([
      expect.stringMatching(/employeeId=2 call=revokeSessions status=403$/),
      expect.stringMatching(/employeeId=3 call=revokeSessions status=403$/),
    ]);
    expect(counts(graph)).toEqual({ revoke: 0, tapCreated: 2, tapDeleted: 0, patch: 0, mail: 2 });
  }, 60_000);

  it("deletes a pass whose mail failed, and the next cycle issues a new one", async () => {
    graph = await startTenant();
    graph.faults.subRequest({ path: "/users/*/sendMail", status: 403, times: 1 });
    scenario(
      { preview: { events: update }, up: { events: update }, "stack output": { stdout: outputs } },
      GRAPH_STACK,
    );
    const first = await cycle(graph);
    expect(first.code).toBe(0);
    expect(first.graphLine).toContain(
      'status="applied, graph: mail failed (missing Mail.Send), 2 revoked, 1 access pass, 3 extension attributes"',
    );
    expect(counts(graph)).toEqual({ revoke: 2, tapCreated: 2, tapDeleted: 1, patch: 2, mail: 1 });
    const unmailed = ["obj-5", "obj-6"].filter((id) => graph?.state.tapMethods(id).length === 0);
    expect(unmailed).toHaveLength(1);

    const second = await cycle(graph);
    expect(second.graphLine).toContain('status="applied, graph: 1 access pass"');
    expect(counts(graph)).toEqual({ revoke: 2, tapCreated: 3, tapDeleted: 1, patch: 2, mail: 2 });
    expect(graph.state.actions.filter((a) => a.kind === "tapCreated").map((a) => a.userId)).toContain(
      unmailed[0],
    );
  }, 60_000);

  it("retries a revoke answered 429 inside $batch after its own Retry-After", async () => {
    graph = await startTenant();
    graph.faults.subRequest({
      path: "/users/*/revokeSignInSessions",
      status: 429,
      times: 1,
      retryAfterSeconds: 7,
    });
    scenario(
      { preview: { events: update }, up: { events: update }, "stack output": { stdout: outputs } },
      GRAPH_STACK,
    );
    const clock = new RecordingClock();
    const run = await cycle(graph, clock);
    expect(run.code).toBe(0);
    expect(run.graphLine).toContain(
      'status="applied, graph: 2 revoked, 2 access passes, 3 extension attributes"',
    );
    expect(counts(graph).revoke).toBe(2);
    expect(clock.sleeps.filter((ms) => ms >= 7_000)).toEqual([7_000]);
  }, 60_000);

  it("acts only for the employees of a targeted cycle (--only)", async () => {
    graph = await startTenant();
    scenario(
      { preview: { events: update }, up: { events: update }, "stack output": { stdout: outputs } },
      GRAPH_STACK,
    );
    const run = await cycle(graph, new RecordingClock(), ["--only", "2"]);
    expect(run.code).toBe(0);
    expect(run.graphLine).toContain('status="applied, graph: 1 revoked"');
    expect(graph.state.actions.map((a) => `${a.kind} ${a.userId}`)).toEqual(["revoke obj-2"]);
  }, 60_000);
});
