import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runGraphCommand } from "../../src/cli/graph-command";
import { type GraphEmulator, type Sandbox, startSandbox, tenantFromCompany } from "../../src/sandbox";
import { SAMPLE_CONFIG, sandboxStackLines, stackFileKeys } from "../fixtures/stack-config";
import { NOW, useGraphEmulators } from "../sandbox/graph-http";
import { emulatorApi, graphCompany, obj } from "./graph-fixtures";

/** `npm run graph` against the Personio sandbox and the Graph emulator, through the real Graph client. */
const startGraph = useGraphEmulators();
let dir: string;
let sandbox: Sandbox;
let graph: GraphEmulator;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "graph-command-"));
  const employees = graphCompany();
  sandbox = await startSandbox({ employees });
  graph = await startGraph({ users: tenantFromCompany(employees) });
  stackFile({ revokeSessions: true, temporaryAccessPass: TAP });
});
afterEach(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const TAP = { sender: "onboarding@contoso.com", fallbackRecipient: "it@contoso.com" };

function stackFile(
  graphConfig: unknown,
  mapping: Record<string, string> = { extensionAttribute1: "department" },
) {
  const lines = [
    ...sandboxStackLines(sandbox),
    stackFileKeys({
      ...SAMPLE_CONFIG,
      attributeMapping: { ...SAMPLE_CONFIG.attributeMapping, ...mapping },
      ...(graphConfig === undefined ? {} : { graph: graphConfig }),
    }).trimEnd(),
  ];
  writeFileSync(path.join(dir, "Pulumi.prod.yaml"), `${lines.join("\n")}\n`);
}

async function graphCommand(extra: string[] = [], env: Record<string, string> = {}, injected = true) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGraphCommand(
    ["--stack", "prod", "--stack-config", path.join(dir, "Pulumi.prod.yaml"), ...extra],
    {
      io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, now: () => NOW },
      personio: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
      ...(injected ? { graphApi: () => emulatorApi(graph) } : {}),
    },
  );
  return { code, out, err };
}

const EXTENSIONS = [2, 3, 4, 5, 6].map(
  (id) => `extensionAttributes employee ${id} object ${obj(id)}: extensionAttribute1`,
);

describe("npm run graph", () => {
  it("lists the actions by employee id with --dry-run and sends nothing", async () => {
    const { code, out, err } = await graphCommand(["--dry-run"]);
    expect({ code, out, err }).toEqual({
      code: 0,
      out: [
        "Graph for stack prod: 1 session to revoke, 1 access pass, 5 extension attributes.",
        `revokeSessions employee 3 object ${obj(3)}`,
        ...EXTENSIONS,
        `accessPass employee 4 object ${obj(4)}: from 2026-11-27T06:00:00Z, mailed to the manager`,
        "Dry run: nothing sent.",
      ],
      err: ["Skipped employee 1: synced_account"],
    });
    expect(graph.state.counts.writes).toBe(0);
    expect([...out, ...err].join("\n")).not.toContain("@");
  });

  it("runs the actions without --dry-run, and a second run does nothing", async () => {
    const first = await graphCommand();
    expect(first).toEqual({
      code: 0,
      out: [
        "Graph for stack prod: 1 session to revoke, 1 access pass, 5 extension attributes.",
        "graph: 1 revoked, 1 access pass, 5 extension attributes",
      ],
      err: ["Skipped employee 1: synced_account"],
    });
    expect(graph.state.counts).toMatchObject({ revoke: 1, tapCreated: 1, mail: 1, patch: 5, tapDeleted: 0 });
    expect([...first.out, ...first.err].join("\n")).not.toContain("@");
    expect(graph.state.mail.map((m) => m.to)).toEqual([["jonas.mueller@contoso.com"]]);
    const second = await graphCommand();
    expect(second.out).toEqual([
      "Graph for stack prod: 0 sessions to revoke, 0 access passes, 0 extension attributes.",
      "graph: nothing to do",
    ]);
    expect(graph.state.counts).toMatchObject({ revoke: 1, tapCreated: 1, mail: 1, patch: 5 });
  });

  it("exits 1 naming the permission when Graph refuses an action", async () => {
    graph.faults.subRequest({ path: "/users/*/revokeSignInSessions", status: 403, times: "always" });
    const { code, out, err } = await graphCommand();
    expect(code).toBe(1);
    expect(out[1]).toBe(
      "graph: revoke failed (missing User.RevokeSessions.All), 1 access pass, 5 extension attributes",
    );
    expect(err).toContain("Failed for employee 3: revokeSessions (status 403)");
  });

  it("holds back revokes past the disables guard unless --allow-mass-disable", async () => {
    const held = await graphCommand(["--max-disables", "0"]);
    expect(held.out[1]).toBe(
      "graph: 1 revoke held back by the disables guard, 1 access pass, 5 extension attributes",
    );
    expect(held.err).toContain("1 revoke held back: run again with --allow-mass-disable.");
    expect(graph.state.counts.revoke).toBe(0);
    const allowed = await graphCommand(["--max-disables", "0", "--allow-mass-disable"]);
    expect(allowed.out[1]).toBe("graph: 1 revoked");
    expect(graph.state.counts.revoke).toBe(1);
  });

  it.each([
    [
      ["--stack", "prod", "--bogus"],
      /^Unknown flag --bogus\. Flags: --stack, --dry-run, --stack-config, --cwd, --allow-mass-disable, --max-disables, --help \(see --help\)\.$/,
    ],
    [["--max-disables", "x"], /^Invalid value for --max-disables: "x"\. Allowed: a whole number >= 0\.$/],
  ])("fails with exit 2 on bad flags %j", async (flags, message) => {
    const { code, err } = await graphCommand(flags);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
  });

  it("fails with exit 2 when the stack asks for no Graph action", async () => {
    stackFile(undefined, {});
    const { code, err } = await graphCommand(["--dry-run"]);
    expect(code).toBe(2);
    expect(err).toEqual([
      `No Graph action in ${path.join(dir, "Pulumi.prod.yaml")}. Allowed: personio-azuread:graph { revokeSessions: true, temporaryAccessPass: {...} } or an extensionAttribute1…15 target in attributeMapping.`,
    ]);
  });

  it("fails with exit 2 and one line when there are no Graph credentials", async () => {
    const { code, err } = await graphCommand(["--dry-run"], {}, false);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/AZURE_TENANT_ID/);
  });

  it("lists every flag with its default in --help", async () => {
    const { code, out } = await graphCommand(["--help"]);
    expect(code).toBe(0);
    const help = out.join("\n");
    for (const flag of [
      "--stack",
      "--dry-run",
      "--stack-config",
      "--cwd",
      "--allow-mass-disable",
      "--max-disables",
    ])
      expect(help).toContain(`  ${flag} `);
    expect(
      help
        .split("\n")
        .filter((line) => line.startsWith("  --"))
        .every((l) => l.includes("default")),
    ).toBe(true);
  });
});
