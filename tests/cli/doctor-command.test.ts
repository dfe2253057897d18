import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runDoctorCommand } from "../../src/cli/doctor-command";
import type { GraphTokenSource } from "../../src/cli/doctor-graph";
import {
  generateCompany,
  GRAPH_ROLES,
  type GraphEmulator,
  type Sandbox,
  startSandbox,
} from "../../src/sandbox";
import { SAMPLE_CONFIG, sandboxStackLines, stackFileKeys } from "../fixtures/stack-config";
import { call, CLIENT_ID, CLIENT_SECRET, TENANT, useGraphEmulators } from "../sandbox/graph-http";

/** `npm run doctor` against the sandbox (Personio) and the Graph emulator over real HTTP, with a stub Pulumi CLI. */
const startGraph = useGraphEmulators();
const NOW = new Date("2026-11-26T08:00:00Z");
const GRAPH_ENV = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_SECRET: CLIENT_SECRET };
const CONFIG = {
  ...SAMPLE_CONFIG,
  writeBack: { attribute: "dynamic_31001" },
  graph: { revokeSessions: true },
  groups: [{ attribute: "department", groupPrefix: "dept-" }],
};

let dir: string;
let sandbox: Sandbox | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "doctor-"));
  pulumiStub(
    "good",
    "v3.190.0",
    "User: jdoe\nOrganizations: jdoe\nBackend URL: https://app.pulumi.com/jdoe\n",
  );
});
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A `bin/pulumi` under `dir/<name>` answering `version` and `whoami -v` with these lines; its root. */
function pulumiStub(name: string, version: string, whoami: string): string {
  const bin = path.join(dir, name, "bin");
  mkdirSync(bin, { recursive: true });
  const script = `#!/bin/sh\ncase "$1" in\n  version) printf '%s\\n' '${version}' ;;\n  whoami) printf '${whoami.replace(/\n/g, "\\n")}' ;;\nesac\n`;
  writeFileSync(path.join(bin, "pulumi"), script);
  chmodSync(path.join(bin, "pulumi"), 0o755);
  return path.join(dir, name);
}

async function stackFile(config: Record<string, unknown>, readableAttributes?: string[]): Promise<string> {
  sandbox = await startSandbox({ employees: generateCompany(20, 1), readableAttributes });
  const lines = [...sandboxStackLines(sandbox), stackFileKeys(config).trimEnd()];
  const file = path.join(dir, "Pulumi.prod.yaml");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** Client credentials at the emulator's token endpoint, as the Graph step's credential asks for them. */
function tokenFrom(graph: GraphEmulator): GraphTokenSource {
  return async (settings, scope) => {
    const answer = await call(graph, `/${settings.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: settings.clientId,
        client_secret: settings.kind === "client-secret" ? settings.clientSecret : "",
        scope,
      }).toString(),
    });
    if (answer.status !== 200)
      throw new Error(`ClientSecretCredential authentication failed: ${answer.body.error_description}`);
    return answer.body.access_token as string;
  };
}

async function doctor(argv: string[], env: Record<string, string>, graph?: GraphEmulator) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDoctorCommand(argv, {
    io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, now: () => NOW },
    personio: { retry: { baseDelayMs: 0, maxDelayMs: 0 } },
    ...(graph === undefined ? {} : { graphToken: tokenFrom(graph) }),
  });
  return { code, out, err };
}

const ALL_ROLES = [...GRAPH_ROLES, "Group.ReadWrite.All"];

function greenLines(file: string, baseUrl: string): string[] {
  return [
    `✓ Personio credentials: a token was issued by ${baseUrl} for personio-azuread:personio.clientId and personio-azuread:personioClientSecret in ${file}.`,
    "✓ Personio attributes: the key may read all 10 attributes the config uses (18 readable).",
    "✓ write-back attribute: dynamic_31001 is a custom text attribute (type standard).",
    "✓ Graph credentials: a token was issued (client-secret) for https://graph.microsoft.com/.default; its roles claim is read without checking the signature.",
    "✓ Graph permission for users: User.ReadWrite.All granted.",
    "✓ Graph permission for groups: Group.ReadWrite.All granted.",
    "✓ Graph permission for tenant read (Graph step): User.Read.All granted.",
    "✓ Graph permission for revoke sessions: User.RevokeSessions.All granted.",
    "✓ Pulumi CLI: 3.190.0 (3.174.0 or later needed).",
    "✓ Pulumi backend: https://app.pulumi.com (pulumi login).",
    "✓ time zone: Europe/Berlin: today is 2026-11-26 there; local midnight is 2026-11-26T23:00:00Z, in 15 h 0 min.",
    "No check failed.",
  ];
}

describe("npm run doctor", () => {
  it("passes every check with exit 0 when the set-up is complete", async () => {
    const file = await stackFile(CONFIG);
    const graph = await startGraph({ roles: ALL_ROLES });
    const root = path.join(dir, "good");
    const result = await doctor(["--stack-config", file, "--pulumi-root", root], GRAPH_ENV, graph);
    expect(result).toEqual({ code: 0, out: greenLines(file, sandbox!.baseUrl), err: [] });
  });

  it("fails with exit 1 on a wrong Personio secret, naming where it comes from, and skips the attribute checks", async () => {
    const file = await stackFile(CONFIG);
    const graph = await startGraph({ roles: ALL_ROLES });
    const env = { ...GRAPH_ENV, PERSONIO_CLIENT_SECRET: "wrong-secret" };
    const result = await doctor(
      ["--stack-config", file, "--pulumi-root", path.join(dir, "good")],
      env,
      graph,
    );
    expect(result.code).toBe(1);
    expect(result.out.slice(0, 3)).toEqual([
      "✗ Personio credentials: Personio refused the client id and secret (POST /v1/auth: HTTP 401). Fix: set " +
        `personio-azuread:personio.clientId in ${file} and PERSONIO_CLIENT_SECRET to the client id and secret of API ` +
        "credentials in Personio (Settings › Integrations › API credentials).",
      "– Personio attributes: skipped: the Personio credentials failed.",
      "– write-back attribute: skipped: the Personio credentials failed.",
    ]);
    expect(result.out.slice(3, -1)).toEqual(greenLines(file, "").slice(3, -1));
    expect(result.out.at(-1)).toBe("1 of 11 checks failed.");
    expect(result.out.join("\n")).not.toContain("wrong-secret");
  });

  it("fails with exit 1 when the key may not read an attribute the config uses, naming the key and where", async () => {
    const readable = [
      "first_name",
      "last_name",
      "email",
      "status",
      "termination_date",
      "created_at",
      "position",
    ];
    const file = await stackFile(CONFIG, [...readable, "dynamic_31001"]);
    const graph = await startGraph({ roles: ALL_ROLES });
    const result = await doctor(
      ["--stack-config", file, "--pulumi-root", path.join(dir, "good")],
      GRAPH_ENV,
      graph,
    );
    expect(result.code).toBe(1);
    expect(result.out[1]).toBe(
      "✗ Personio attributes: the key may not read 2 of the 10 attributes the config uses: department " +
        "(personio-azuread:attributeMapping.department), supervisor (personio-azuread:attributeMapping.managerId). " +
        "Fix: add them to the readable attributes of the API credentials in Personio (Settings › Integrations › API " +
        `credentials), or remove them from ${file}; npm run attributes lists what the key may read.`,
    );
    expect(result.out.filter((line) => line.startsWith("✗"))).toHaveLength(1);
  });

  it("fails with exit 1 when the token lacks a feature's role, naming what to grant", async () => {
    const file = await stackFile(CONFIG);
    const graph = await startGraph({ roles: ["User.ReadWrite.All"] });
    const result = await doctor(
      ["--stack-config", file, "--pulumi-root", path.join(dir, "good")],
      GRAPH_ENV,
      graph,
    );
    expect(result.code).toBe(1);
    expect(result.out.slice(4, 8)).toEqual([
      "✓ Graph permission for users: User.ReadWrite.All granted.",
      "✗ Graph permission for groups: Group.ReadWrite.All not granted (the token grants User.ReadWrite.All). " +
        "Fix: grant the app the Microsoft Graph application permission Group.ReadWrite.All and admin consent " +
        "(Entra admin center › App registrations › API permissions); new tokens carry it.",
      "✓ Graph permission for tenant read (Graph step): User.ReadWrite.All granted.",
      "✓ Graph permission for revoke sessions: User.ReadWrite.All granted.",
    ]);
  });

  it("fails with exit 1 on a wrong Graph secret, without printing it, and skips the permission checks", async () => {
    const file = await stackFile(CONFIG);
    const graph = await startGraph({ roles: ALL_ROLES });
    const env = { ...GRAPH_ENV, AZURE_CLIENT_SECRET: "not-the-secret" };
    const result = await doctor(
      ["--stack-config", file, "--pulumi-root", path.join(dir, "good")],
      env,
      graph,
    );
    expect(result.code).toBe(1);
    expect(result.out.slice(3, 9)).toEqual([
      "✗ Graph credentials: no token (client-secret): AADSTS7000215: Invalid client secret provided. Fix: set " +
        "AZURE_CLIENT_SECRET (else ARM_CLIENT_SECRET) to the value (not the id) of a current client secret of the " +
        "app AZURE_CLIENT_ID (else ARM_CLIENT_ID) in tenant AZURE_TENANT_ID (else ARM_TENANT_ID).",
      "– Graph permission for users: skipped: the Graph credentials failed.",
      "– Graph permission for groups: skipped: the Graph credentials failed.",
      "– Graph permission for tenant read (Graph step): skipped: the Graph credentials failed.",
      "– Graph permission for revoke sessions: skipped: the Graph credentials failed.",
      "✓ Pulumi CLI: 3.190.0 (3.174.0 or later needed).",
    ]);
    expect(result.out.join("\n")).not.toContain("not-the-secret");
  });

  it("fails with exit 1 naming the variables when there are no Graph credentials", async () => {
    const file = await stackFile(CONFIG);
    const result = await doctor(["--stack-config", file, "--pulumi-root", path.join(dir, "good")], {});
    expect(result.code).toBe(1);
    expect(result.out[3]).toMatch(
      /^✗ Graph credentials: Graph credentials incomplete: missing AZURE_TENANT_ID \(or ARM_TENANT_ID\), .* Fix: set them in the runner's environment \(GRAPH_ENDPOINT only for a national cloud\)\.$/,
    );
  });

  it("warns, without failing, when the provider signs in as another app than the Graph step", async () => {
    const file = await stackFile(CONFIG);
    const graph = await startGraph({ roles: ALL_ROLES });
    const env = { ...GRAPH_ENV, ARM_CLIENT_ID: "provider-app" };
    const result = await doctor(
      ["--stack-config", file, "--pulumi-root", path.join(dir, "good")],
      env,
      graph,
    );
    expect(result.code).toBe(0);
    expect(result.out[4]).toBe(
      "! Graph identities: AZURE_CLIENT_ID and ARM_CLIENT_ID name different apps: the lines below check the Graph " +
        "step's app, while the provider creates users and groups as ARM_CLIENT_ID. Fix: grant the ARM_CLIENT_ID app " +
        "the users and groups permissions too, or use one app.",
    );
  });

  it("fails with exit 1 on a GRAPH_ENDPOINT that is not an https origin", async () => {
    const file = await stackFile(CONFIG);
    const env = { ...GRAPH_ENV, GRAPH_ENDPOINT: "http://graph.local" };
    const result = await doctor(["--stack-config", file, "--pulumi-root", path.join(dir, "good")], env);
    expect(result.code).toBe(1);
    expect(result.out[3]).toBe(
      '✗ Graph credentials: Invalid GRAPH_ENDPOINT: "http://graph.local". Allowed: an https origin without path, ' +
        "e.g. https://graph.microsoft.com or https://graph.microsoft.us. Fix: set them in the runner's environment " +
        "(GRAPH_ENDPOINT only for a national cloud).",
    );
  });

  it.each([
    ["an old CLI", "v3.150.2", "✗ Pulumi CLI: 3.150.2 is older than 3.174.0."],
    ["no CLI", undefined, "✗ Pulumi CLI: pulumi not found."],
  ])("fails with exit 1 on %s and says how to install, skipping the backend", async (_, version, line) => {
    const file = await stackFile(CONFIG);
    const graph = await startGraph({ roles: ALL_ROLES });
    const root = version === undefined ? path.join(dir, "none") : pulumiStub("old", version, "");
    const result = await doctor(["--stack-config", file, "--pulumi-root", root], GRAPH_ENV, graph);
    expect(result.code).toBe(1);
    const cli = result.out.findIndex((l) => l.includes("Pulumi CLI"));
    expect(result.out[cli]?.replace(path.join(root, "bin", "pulumi"), "pulumi")).toBe(
      `${line} Fix: install the Pulumi CLI 3.174 or later (curl -fsSL https://get.pulumi.com | sh, or ` +
        "https://www.pulumi.com/docs/install/) and put it on PATH, or pass --pulumi-root DIR holding bin/pulumi.",
    );
    expect(result.out[cli + 1]).toBe("– Pulumi backend: skipped: the Pulumi CLI failed.");
  });

  it("takes the backend from PULUMI_BACKEND_URL without its path, and never prints the login's user", async () => {
    const file = await stackFile(CONFIG);
    const graph = await startGraph({ roles: ALL_ROLES });
    const env = { ...GRAPH_ENV, PULUMI_BACKEND_URL: "s3://state-bucket/personio?region=eu-central-1" };
    const result = await doctor(
      ["--stack-config", file, "--pulumi-root", path.join(dir, "good")],
      env,
      graph,
    );
    expect(result.out).toContain("✓ Pulumi backend: s3://state-bucket (PULUMI_BACKEND_URL).");
    expect(result.out.join("\n")).not.toMatch(/jdoe|sandbox-secret|graph-secret-value/);
  });

  it.each([
    [[], "Missing --stack-config FILE: the stack file to check."],
    [["--stack-config", "x.yaml", "--check-deadline", "10m"], 'Invalid value for --check-deadline: "10m".'],
    [
      ["--stack-config", "x.yaml", "--verbose"],
      "Unknown flag --verbose. Flags: --stack-config, --pulumi-root, --check-deadline, --help (see --help).",
    ],
  ])("exits 2 with one line for bad flags %j", async (argv, start) => {
    const result = await doctor(argv, {});
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]?.startsWith(start)).toBe(true);
  });

  it("exits 2 with the config's one line when the stack config is invalid, before any check", async () => {
    const file = await stackFile({ ...CONFIG, timezone: "Europe/Nowhere" });
    const result = await doctor(["--stack-config", file], {});
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([expect.stringContaining('personio-azuread:timezone: "Europe/Nowhere"')]);
    expect(sandbox!.requests).toEqual([]);
  });

  it("lists every flag with --help", async () => {
    const result = await doctor(["--help"], {});
    expect(result.code).toBe(0);
    for (const flag of ["--stack-config", "--pulumi-root", "--check-deadline", "--help"]) {
      expect(result.out[0]).toContain(flag);
    }
  });
});
