import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runPlanCommand } from "../../src/cli/plan-command";
import { type Sandbox, startSandbox, tenantFromCompany } from "../../src/sandbox";
import { SAMPLE_CONFIG, stackFileKeys } from "../fixtures/stack-config";
import { graphCompany } from "./graph-fixtures";

/** The offline plan counts the Graph actions that would follow `up`, from a tenant export standing in for the tenant. */
const SELECT =
  "GET /users?$select=id,userPrincipalName,mail,employeeId,accountEnabled,signInSessionsValidFromDateTime,onPremisesSyncEnabled,onPremisesExtensionAttributes";
const GRAPH = {
  graph: {
    revokeSessions: true,
    temporaryAccessPass: { sender: "it@contoso.com", fallbackRecipient: "hr@contoso.com" },
  },
};
const EXTENSION = { extensionAttribute1: "department" };

let dir: string;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ employees: graphCompany() });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "plan-graph-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The export as `GET /users` gives it; `without` drops one field from every user. */
function tenantExport(without?: string): string {
  const users = tenantFromCompany(graphCompany()).map((user) => {
    const copy: Record<string, unknown> = { ...user };
    delete copy["mailbox"];
    delete copy["displayName"];
    if (without !== undefined) delete copy[without];
    return copy;
  });
  const file = path.join(dir, "users.json");
  writeFileSync(file, JSON.stringify({ value: users }));
  return file;
}

async function plan(extra: Record<string, unknown>, mapping: Record<string, string>, args: string[] = []) {
  const stack = path.join(dir, "Pulumi.test.yaml");
  const keys = stackFileKeys({
    ...SAMPLE_CONFIG,
    attributeMapping: { ...SAMPLE_CONFIG.attributeMapping, ...mapping },
    ...extra,
  });
  writeFileSync(
    stack,
    `config:\n  personio-azuread:personio:\n    clientId: c\n    appId: PERSONIO_AZUREAD_TEST\n${keys}`,
  );
  const out: string[] = [];
  const code = await runPlanCommand(["--stack-config", stack, "--wide", ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(`stderr: ${t}`),
    env: {
      PERSONIO_BASE_URL: sandbox.baseUrl,
      PERSONIO_CLIENT_ID: sandbox.credentials.clientId,
      PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret,
    },
    now: () => new Date("2026-11-26T10:00:00Z"),
  });
  const lines = out.join("\n").split("\n");
  return { code, graph: lines.filter((line) => line.startsWith("Graph after up")), out: lines };
}

describe("npm run plan with Graph actions", () => {
  it("counts them from the export and writes them into the JSON plan", async () => {
    const json = path.join(dir, "plan.json");
    const run = await plan(GRAPH, EXTENSION, ["--existing-accounts", tenantExport(), "--json", json]);
    expect(run.code).toBe(0);
    expect(run.graph).toEqual([
      "Graph after up: 1 session to revoke, up to 1 access pass, 5 extension attributes",
    ]);
    expect(JSON.parse(readFileSync(json, "utf8")).graph).toEqual({
      revokes: 1,
      accessPasses: 1,
      extensionAttributes: 5,
    });
  });

  it.each([
    [
      "revokes only",
      { graph: { revokeSessions: true } },
      {},
      "1 session to revoke, 0 access passes, 0 extension attributes",
    ],
    [
      "extension attributes only",
      {},
      EXTENSION,
      "0 sessions to revoke, 0 access passes, 5 extension attributes",
    ],
    [
      "a pass on the day before the hire",
      { graph: GRAPH.graph },
      {},
      "1 session to revoke, up to 1 access pass, 0 extension attributes",
    ],
  ])("counts %s", async (_name, extra, mapping, counts) => {
    const run = await plan(extra, mapping, ["--existing-accounts", tenantExport()]);
    expect(run.graph).toEqual([`Graph after up: ${counts}`]);
  });

  it("says the counts need a tenant export without --existing-accounts", async () => {
    const json = path.join(dir, "plan.json");
    const run = await plan(GRAPH, EXTENSION, ["--json", json]);
    expect(run.code).toBe(0);
    expect(run.graph).toEqual([
      `Graph after up: not counted: the counts need a tenant export, --existing-accounts users.json from ${SELECT}.`,
    ]);
    expect(JSON.parse(readFileSync(json, "utf8")).graph).toBeUndefined();
  });

  it("says which fields are missing when the export lacks one", async () => {
    const run = await plan(GRAPH, {}, [
      "--existing-accounts",
      tenantExport("signInSessionsValidFromDateTime"),
    ]);
    expect(run.graph).toEqual([
      "Graph after up: not counted: some users of --existing-accounts lack signInSessionsValidFromDateTime, " +
        `onPremisesSyncEnabled, onPremisesExtensionAttributes; export them with ${SELECT}.`,
    ]);
  });

  it("adds no Graph line for a stack without Graph actions", async () => {
    const run = await plan({}, {}, ["--existing-accounts", tenantExport()]);
    expect(run.out.join("\n")).not.toContain("Graph after up");
  });
});
