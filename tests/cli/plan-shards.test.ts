import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runPlanCommand } from "../../src/cli/plan-command";
import { shardOf } from "../../src/contract";
import { loadSampleCompany, type Sandbox, startSandbox } from "../../src/sandbox";
import { SAMPLE_STACK_KEYS } from "../fixtures/stack-config";

const STACK = `config:
  personio-azuread:personio:
    clientId: sandbox-client
    appId: PERSONIO_AZUREAD_TEST
${SAMPLE_STACK_KEYS}  personio-azuread:groups:
    - { attribute: department, groupPrefix: "dept-" }
`;

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ employees: loadSampleCompany({ today: "2026-11-26" }) });
  dir = mkdtempSync(path.join(tmpdir(), "plan-shards-"));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

interface PlannedUser {
  readonly employeeId: string;
  readonly accountEnabled: boolean;
  readonly groups: string[];
  readonly shard?: number;
}

async function plan(extra: string): Promise<{ code: number; stdout: string; json: Record<string, unknown> }> {
  const file = path.join(dir, "Pulumi.test.yaml");
  const json = path.join(dir, "plan.json");
  writeFileSync(file, `${STACK}${extra}`);
  const out: string[] = [];
  const code = await runPlanCommand(["--stack-config", file, "--json", json], {
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    env: { PERSONIO_BASE_URL: sandbox.baseUrl, PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret },
    now: () => new Date("2026-11-26T10:00:00Z"),
  });
  return { code, stdout: out.join("\n"), json: JSON.parse(readFileSync(json, "utf8")) };
}

describe("npm run plan with shards", () => {
  it("gives every account its shard and prints a row per shard", async () => {
    const run = await plan("  personio-azuread:shards: 4\n");
    expect(run.code).toBe(0);
    const users = run.json["users"] as PlannedUser[];
    expect(users.length).toBe(63);
    expect(users.filter((u) => u.shard !== shardOf(u.employeeId, 4))).toEqual([]);
    const expected = [0, 1, 2, 3].map((shard) => {
      const mine = users.filter((u) => shardOf(u.employeeId, 4) === shard);
      const enabled = mine.filter((u) => u.accountEnabled).length;
      const memberships = mine.reduce((sum, u) => sum + u.groups.length, 0);
      return { shard, users: mine.length, enabled, disabled: mine.length - enabled, memberships };
    });
    expect(run.json["shards"]).toEqual(expected);
    expect(expected.reduce((sum, row) => sum + row.users, 0)).toBe(63);
    const lines = run.stdout.split("\n");
    const at = lines.indexOf("Shards (4)");
    expect(at).toBeGreaterThan(0);
    const cells = (line: string | undefined) =>
      (line ?? "")
        .split("│")
        .map((c) => c.trim())
        .filter((c) => c !== "");
    expect(cells(lines[at + 2])).toEqual(["Shard", "Users", "Enabled", "Disabled", "Memberships"]);
    expect(expected.map((_, i) => cells(lines[at + 3 + i]))).toEqual(
      expected.map((r) => [r.shard, r.users, r.enabled, r.disabled, r.memberships].map(String)),
    );
  });

  it("leaves an unsharded plan as it was: no shard, no shards table", async () => {
    const run = await plan("");
    expect(run.code).toBe(0);
    expect(run.json).not.toHaveProperty("shards");
    expect((run.json["users"] as PlannedUser[]).filter((u) => u.shard !== undefined)).toEqual([]);
    expect(run.stdout).not.toContain("Shards (");
  });
});
