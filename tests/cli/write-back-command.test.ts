import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runWriteBackCommand } from "../../src/cli/write-back-command";
import { openStack } from "../../src/engine/stack-ops";
import { type Sandbox, startSandbox } from "../../src/sandbox";
import { SAMPLE_CONFIG, sandboxStackLines, stackFileKeys } from "../fixtures/stack-config";
import { COUNTS, useStubPulumi } from "../runner/stub-harness";
import { companyWithLogins, LOGIN, upnsFor } from "../write-back/fixtures";

/** The command through the real Automation API against the stub CLI (stack outputs) and the sandbox (Personio). */
const ROOT = path.resolve(__dirname, "../..");
const STUB = path.resolve(__dirname, "../runner/stub");

let dir: string;
let sandbox: Sandbox;
useStubPulumi();
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "write-back-"));
  process.env["STUB_PULUMI_SCENARIO"] = path.join(dir, "scenario.json");
  process.env["STUB_PULUMI_LOG"] = path.join(dir, "calls.log");
  sandbox = await startSandbox({
    employees: companyWithLogins(10, { 1: "user1@contoso.com", 2: "user2@contoso.com" }),
  });
  stackFile({ attribute: LOGIN });
  outputs({ principalNames: Object.fromEntries(upnsFor([1, 2, 3, 4, 5, 6, 7, 8, 9])) });
});
afterEach(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
  delete process.env["STUB_PULUMI_SCENARIO"];
  delete process.env["STUB_PULUMI_LOG"];
});

function stackFile(writeBack: unknown): void {
  const lines = [
    ...sandboxStackLines(sandbox),
    stackFileKeys({ loginSchema: SAMPLE_CONFIG.loginSchema }).trimEnd(),
    ...(writeBack === undefined ? [] : [`  personio-azuread:writeBack: ${JSON.stringify(writeBack)}`]),
  ];
  writeFileSync(path.join(dir, "Pulumi.prod.yaml"), `${lines.join("\n")}\n`);
}

function outputs(values: Record<string, unknown>): void {
  writeFileSync(
    path.join(dir, "scenario.json"),
    JSON.stringify({
      "stack output": { stdout: JSON.stringify({ counts: { ...COUNTS, employees: 10 }, ...values }) },
    }),
  );
}

async function writeBackCommand(extra: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runWriteBackCommand(
    [
      "--stack",
      "prod",
      "--cwd",
      ROOT,
      "--pulumi-root",
      STUB,
      "--stack-config",
      path.join(dir, "Pulumi.prod.yaml"),
      ...extra,
    ],
    {
      io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => new Date(0) },
      openStack,
      personio: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    },
  );
  return { code, out, err };
}

const patches = () =>
  sandbox.requests.filter((r) => r.method === "PATCH").map((r) => Number(r.path.split("/").pop()));

async function loginsNow(): Promise<unknown[]> {
  const auth = await fetch(`${sandbox.baseUrl}/v1/auth`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_id: "sandbox-client", client_secret: "sandbox-secret" }),
  });
  const token = ((await auth.json()) as { data: { token: string } }).data.token;
  const page = await fetch(`${sandbox.baseUrl}/v1/company/employees?limit=100&attributes[]=${LOGIN}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = (await page.json()) as { data: { attributes: Record<string, { value: unknown }> }[] };
  return body.data.map((item) => item.attributes[LOGIN]?.value);
}

describe("npm run write-back", () => {
  it("lists employee ids and counts in a dry run, writing nothing", async () => {
    const { code, out, err } = await writeBackCommand(["--dry-run"]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toEqual([
      `Write-back to ${LOGIN}: 9 managed accounts, 9 listed in Personio, 7 values to write.`,
      ...[3, 4, 5, 6, 7, 8, 9].map((id) => `employee ${id}`),
      "Dry run: nothing written.",
    ]);
    expect(patches()).toEqual([]);
    const calls = readFileSync(path.join(dir, "calls.log"), "utf8");
    expect(calls).toContain('"stack","output"');
  });

  it("shows the values in a dry run only with --show-values", async () => {
    sandbox.setEmployees(companyWithLogins(3, { 2: "old@contoso.com" }));
    const { code, out } = await writeBackCommand(["--dry-run", "--show-values"]);
    expect(code).toBe(0);
    expect(out).toEqual([
      `Write-back to ${LOGIN}: 9 managed accounts, 3 listed in Personio, 3 values to write.`,
      "employee 1: user1@contoso.com (now: empty)",
      "employee 2: user2@contoso.com (now: old@contoso.com)",
      "employee 3: user3@contoso.com (now: empty)",
      "Dry run: nothing written.",
    ]);
  });

  it("writes only the differences, and nothing more on a second run", async () => {
    const first = await writeBackCommand();
    expect(first.code).toBe(0);
    expect(first.out).toEqual([
      `Write-back to ${LOGIN}: 9 managed accounts, 9 listed in Personio, 7 values to write.`,
      "Written 7 of 7.",
    ]);
    expect(first.err).toEqual(["1970-01-01T00:00:00.000Z info writeback.done planned=7 written=7 failed=0"]);
    expect(patches().sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(await loginsNow()).toEqual([...upnsFor([1, 2, 3, 4, 5, 6, 7, 8, 9]).values(), null]);
    sandbox.clearRequests();
    const second = await writeBackCommand();
    expect(second.out).toContain("Written 0 of 0.");
    expect(patches()).toEqual([]);
  });

  it("retries a 5xx then succeeds", async () => {
    sandbox.setFaults({ patchError: { status: 502, times: 3 } });
    const { code, out } = await writeBackCommand();
    expect(code).toBe(0);
    expect(out).toContain("Written 7 of 7.");
    expect(sandbox.requests.filter((r) => r.method === "PATCH" && r.status === 502)).toHaveLength(3);
  });

  it("counts only the employees still listed and with an account", async () => {
    sandbox.setEmployees(
      companyWithLogins(10, { 1: "user1@contoso.com", 2: "user2@contoso.com" }).filter(
        (item) => item.attributes["id"]?.value !== 9,
      ),
    );
    const { code, out } = await writeBackCommand(["--dry-run"]);
    expect(code).toBe(0);
    expect(out[0]).toBe(
      `Write-back to ${LOGIN}: 9 managed accounts, 8 listed in Personio, 6 values to write.`,
    );
  });

  it.each([422, 404])("reports a %s by employee id and exits 1, writing the rest", async (status) => {
    sandbox.setFaults({ patchError: { status, times: 1, employeeIds: [4] } });
    const { code, out, err } = await writeBackCommand();
    expect(code).toBe(1);
    expect(out).toContain("Written 6 of 7.");
    expect(err).toContain("Not written for employees: 4.");
    expect(err.join("\n")).toContain(`writeback.failed employeeId=4 outcome="HTTP ${status}"`);
    expect(err.join("\n")).not.toMatch(/contoso\.com/);
    expect(patches().filter((id) => id === 4)).toHaveLength(1);
  });

  it("stops at a 403 with the permission to grant, and exits 1", async () => {
    sandbox.setFaults({ patchError: { status: 403, times: "always" } });
    const { code, err } = await writeBackCommand();
    expect(code).toBe(1);
    expect(err).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Write-back stopped: Personio refused PATCH /v1/company/employees/\\d+ \\(HTTP 403\\)\\. Allowed: API credentials with write access to the custom attribute ${LOGIN} `,
        ),
      ),
    );
    expect(patches().length).toBeLessThanOrEqual(15);
  });

  it.each([
    ["not a text attribute", { attribute: "dynamic_50001" }, /\(a list attribute\)/],
    ["unknown to Personio", { attribute: "dynamic_9" }, /\(not among the attributes/],
  ])("stops before any write when the attribute is %s (exit 2)", async (_case, writeBack, message) => {
    stackFile(writeBack);
    for (const flags of [["--dry-run"], []]) {
      const { code, err } = await writeBackCommand(flags);
      expect(code).toBe(2);
      expect(err.join("\n")).toMatch(message);
    }
    expect(patches()).toEqual([]);
  });

  it("fails with one line when write-back is not configured, or the stack has no principalNames output", async () => {
    stackFile(undefined);
    const unconfigured = await writeBackCommand();
    expect(unconfigured.code).toBe(2);
    expect(unconfigured.err).toEqual([
      `Missing personio-azuread:writeBack in ${path.join(dir, "Pulumi.prod.yaml")}. Allowed: writeBack: { attribute: dynamic_<n> }.`,
    ]);
    stackFile({ attribute: LOGIN });
    outputs({});
    const old = await writeBackCommand();
    expect(old).toMatchObject({
      code: 1,
      err: [
        "The stack has no principalNames output. Allowed: a stack updated (up) by this version of the program.",
      ],
    });
  });
});
