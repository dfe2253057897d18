import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runExportTenantCommand } from "../../src/cli/export-tenant-command";
import type { GraphEmulator } from "../../src/sandbox";
import { readTenantExport } from "../../src/plan/existing-accounts";
import { emulatorApi } from "../graph/emulator-api";
import { useGraphEmulators, users } from "../sandbox/graph-http";

/** `npm run export-tenant` against the Graph emulator, through the real Graph client. */
const startGraph = useGraphEmulators();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "export-tenant-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function exportTenant(argv: string[], graph?: GraphEmulator, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runExportTenantCommand(argv, {
    io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, now: () => new Date(0) },
    ...(graph === undefined ? {} : { graphApi: () => emulatorApi(graph) }),
  });
  return { code, out, err };
}

describe("npm run export-tenant", () => {
  it("writes every page of a 2,100-user tenant (3 pages of at most 999) as 0600, which the plan reads whole", async () => {
    const requests: string[] = [];
    const graph = await startGraph({
      users: users(2100, { mail: "shared@contoso.com", onPremisesSyncEnabled: false }),
      log: (line) => requests.push(line),
    });
    const file = path.join(dir, "users.json");
    const result = await exportTenant(["--out", file], graph);
    expect(result).toEqual({ code: 0, out: [`Exported 2100 users to ${file}.`], err: [] });
    expect(requests.filter((line) => line.includes("GET /v1.0/users"))).toHaveLength(3);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["users.json"]);
    const exported = readTenantExport(file);
    expect(exported.accounts).toHaveLength(2100);
    expect(exported.accounts[2099]).toEqual({
      id: "u-2100",
      userPrincipalName: "user2100@contoso.com",
      mail: "shared@contoso.com",
      employeeId: "2100",
      accountEnabled: true,
      onPremisesSyncEnabled: false,
    });
    expect(exported.tenant?.[0]).toEqual({
      id: "u-1",
      employeeId: "1",
      userPrincipalName: "user1@contoso.com",
      mail: "shared@contoso.com",
      accountEnabled: true,
      signInSessionsValidFromDateTime: null,
      onPremisesSyncEnabled: false,
      onPremisesExtensionAttributes: null,
    });
  });

  it("prints no login or e-mail of the tenant", async () => {
    const graph = await startGraph({ users: users(3) });
    const result = await exportTenant(["--out", path.join(dir, "users.json")], graph);
    expect([...result.out, ...result.err].join("\n")).not.toMatch(/contoso/);
  });

  it("fails with exit 1 naming User.Read.All when the identity lacks it, and writes nothing", async () => {
    const graph = await startGraph({ users: users(3), roles: ["Mail.Send"] });
    const result = await exportTenant(["--out", path.join(dir, "users.json")], graph);
    expect(result).toEqual({
      code: 1,
      out: [],
      err: [
        "Graph GET /v1.0/users failed: HTTP 403 (Authorization_RequestDenied) after 1 attempt(s): grant the read " +
          "identity the application permission User.Read.All (admin consent).",
      ],
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("fails with exit 2 naming the variables when there are no credentials", async () => {
    const result = await exportTenant(["--out", path.join(dir, "users.json")]);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^Graph credentials incomplete: missing AZURE_TENANT_ID/);
  });

  it.each([
    [
      [],
      "Missing --out FILE: where to write the export. Usage: npm run export-tenant -- --out FILE (see --help).",
    ],
    [["--out", "users.json", "--top", "5"], "Unknown flag --top. Flags: --out, --help (see --help)."],
  ])("fails with exit 2 on bad flags %j", async (argv, line) => {
    const result = await exportTenant(argv);
    expect(result).toEqual({ code: 2, out: [], err: [line] });
  });

  it("fails with exit 2 before Graph when --out is a directory", async () => {
    const result = await exportTenant(["--out", dir]);
    expect(result).toEqual({
      code: 2,
      out: [],
      err: [
        `Invalid value for --out: ${JSON.stringify(dir)} is a directory. Allowed: a file in an existing, writable directory, a character device or a FIFO.`,
      ],
    });
  });

  it("lists every flag with its default and an example on --help", async () => {
    const result = await exportTenant(["--help"]);
    expect(result.code).toBe(0);
    expect(result.out.join("\n").split("\n")).toEqual([
      "Usage: npm run export-tenant -- --out FILE",
      "Every user of the tenant, all pages, with the fields npm run plan --existing-accounts reads. Exit 0 written, 1 Graph failed, 2 bad flags, output path or no Graph credentials.",
      "Flags:",
      "  --out FILE  where the tenant export is written (mode 0600); required, no default; e.g. --out users.json",
      "  --help, -h  print this text and exit; default: off",
      "Credentials: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (else ARM_*) or AZURE_FEDERATED_TOKEN_FILE; GRAPH_ENDPOINT, AZURE_AUTHORITY_HOST. The identity needs User.Read.All.",
      "Example: npm run export-tenant -- --out users.json && npm run plan -- --stack-config stacks/Pulumi.prod.yaml --existing-accounts users.json",
    ]);
  });
});
