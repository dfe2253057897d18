import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runPlanCommand } from "../../src/cli/plan-command";
import { loadSampleCompany, type Sandbox, startSandbox } from "../../src/sandbox";
import { SAMPLE_STACK_KEYS } from "../fixtures/stack-config";

const STACK = `config:
  personio-azuread:personio:
    clientId: sandbox-client
${SAMPLE_STACK_KEYS}
  personio-azuread:scope:
    include: { status: [active, onboarding, leave] }
    exclude: { department: [" marketing "] }
`;

/** The sample company's Marketing department (lower case in the config: values ignore case and spaces). */
const MARKETING = ["6", "11", "26", "34", "43", "50", "58", "65", "67"];
/** Its inactive employees outside Marketing. */
const INACTIVE = ["24", "27", "28", "31"];

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ employees: loadSampleCompany({ today: "2026-11-26" }) });
  dir = mkdtempSync(path.join(tmpdir(), "plan-scope-"));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function plan(args: string[]): Promise<{ code: number; stdout: string; stderr: string[] }> {
  const file = path.join(dir, "Pulumi.test.yaml");
  writeFileSync(file, STACK);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPlanCommand(["--stack-config", file, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { PERSONIO_BASE_URL: sandbox.baseUrl, PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret },
    now: () => new Date("2026-11-26T10:00:00Z"),
  });
  return { code, stdout: out.join("\n"), stderr: err };
}

describe("npm run plan with a scope", () => {
  it("leaves out-of-scope employees out of the users, lists them with a reason and counts them", async () => {
    const json = path.join(dir, "plan.json");
    const accounts = path.join(dir, "accounts.json");
    // Employee 6 (Marketing, out of scope) has an account this stack would have managed.
    const account = {
      id: "0b5e1c1a-0000-4000-8000-000000000006",
      userPrincipalName: "siobhan.obrien@contoso.com",
    };
    writeFileSync(
      accounts,
      JSON.stringify([{ ...account, mail: null, employeeId: "6", accountEnabled: true }]),
    );
    const run = await plan(["--json", json, "--existing-accounts", accounts, "--wide"]);
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(json, "utf8"));
    const outOfScope = [...MARKETING, ...INACTIVE].sort((a, b) => Number(a) - Number(b));
    expect(written.outOfScope).toEqual(
      outOfScope.map((employeeId) =>
        MARKETING.includes(employeeId)
          ? { employeeId, reason: "excluded", attribute: "department", managed: employeeId === "6" }
          : { employeeId, reason: "not_included", attribute: "status", managed: false },
      ),
    );
    expect(written.summary).toMatchObject({ employees: 69, outOfScope: 13, outOfScopeManaged: 1 });
    const users = written.users.map((u: { employeeId: string }) => u.employeeId);
    expect(users.filter((id: string) => outOfScope.includes(id))).toEqual([]);
    const skipped = written.skipped.map((s: { employeeId: string }) => s.employeeId);
    expect(skipped.filter((id: string) => outOfScope.includes(id))).toEqual([]);
    expect(run.stdout).toContain("Out of scope (13)");
    expect(run.stdout).toContain(
      [
        "Out of scope (13)",
        "- 8 × excluded (department): 11, 26, 34, 43, 50, 58, 65, 67",
        "- 4 × not_included (status): 24, 27, 28, 31",
        "- 1 × excluded (department), account left as it is: 6",
      ].join("\n"),
    );
    expect(run.stdout).toContain("; 13 out of scope (1 with an account, left as it is)");
  });

  it("has no out-of-scope section without a scope", async () => {
    const json = path.join(dir, "plain.json");
    const file = path.join(dir, "Pulumi.plain.yaml");
    writeFileSync(
      file,
      `config:\n  personio-azuread:personio:\n    clientId: sandbox-client\n${SAMPLE_STACK_KEYS}`,
    );
    const out: string[] = [];
    const code = await runPlanCommand(["--stack-config", file, "--json", json], {
      stdout: (t) => out.push(t),
      stderr: () => undefined,
      env: { PERSONIO_BASE_URL: sandbox.baseUrl, PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret },
      now: () => new Date("2026-11-26T10:00:00Z"),
    });
    expect(code).toBe(0);
    const written = JSON.parse(readFileSync(json, "utf8"));
    expect(written.outOfScope).toBeUndefined();
    expect(written.summary.outOfScope).toBeUndefined();
    expect(out.join("\n")).not.toContain("out of scope");
  });
});
