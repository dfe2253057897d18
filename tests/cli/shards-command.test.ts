import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runShardsCommand } from "../../src/cli/shards-command";
import { membershipUrn, shardOf, userUrn } from "../../src/contract";
import { loadSampleCompany, type Sandbox, startSandbox } from "../../src/sandbox";
import { SAMPLE_STACK_KEYS } from "../fixtures/stack-config";

const ZENDESK = "0a1b2c3d-0000-4000-8000-00000000000a";
/** The sample company's rendered users (63) and the enabled ones in Customer Success (tests/program/groups). */
const SKIPPED = new Set(["20", "21", "22", "24", "27", "28"]);
const USERS = Array.from({ length: 69 }, (_, i) => String(i + 1)).filter((id) => !SKIPPED.has(id));
const CUSTOMER_SUCCESS = ["18", "37", "45", "53", "57", "64", "68"];
const DEPARTMENTS = 7;

const STACK = `config:
  personio-azuread:personio:
    clientId: sandbox-client
    appId: PERSONIO_AZUREAD_TEST
${SAMPLE_STACK_KEYS}  personio-azuread:groups:
    - { attribute: department, groupPrefix: "dept-" }
    - { attribute: department, value: Customer Success, existingGroup: Zendesk Agents }
`;

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ employees: loadSampleCompany({ today: "2026-11-26" }) });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "shards-"));
  mkdirSync(path.join(dir, "stacks"));
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: personio-azuread\nruntime: nodejs\n");
  writeFileSync(path.join(dir, "groups.json"), JSON.stringify({ [ZENDESK]: "Zendesk Agents" }));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function shards(args: string[], extra = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  writeFileSync(path.join(dir, "stacks", "Pulumi.prod.yaml"), `${STACK}${extra}`);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runShardsCommand(["--stack", "prod", "--cwd", dir, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { PERSONIO_BASE_URL: sandbox.baseUrl, PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret },
    now: () => new Date("2026-11-26T10:00:00Z"),
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const groupsFile = () => ["--existing-groups", path.join(dir, "groups.json")];

describe("npm run shards", () => {
  it("--dry-run lists the moves of a first split (1 → 4) with their counts", async () => {
    const run = await shards(["--to", "4", "--dry-run", ...groupsFile()]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const line = (shard: number) => {
      const mine = USERS.filter((id) => shardOf(id, 4) === shard);
      const members = CUSTOMER_SUCCESS.filter((id) => shardOf(id, 4) === shard).length;
      const resources = mine.length + members + (shard === 0 ? DEPARTMENTS : 0);
      return `prod → prod-${shard}: ${mine.length} employees, ${resources} resources`;
    };
    expect(run.stdout.split("\n")).toEqual([
      "prod: 1 → 4 shards moves 63 of 63 accounts",
      line(0),
      line(1),
      line(2),
      line(3),
      "Dry run: nothing to run.",
    ]);
  });

  it("prints the moves as a script of pulumi state move commands", async () => {
    const run = await shards(["--to", "2", ...groupsFile()]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "#!/bin/sh",
      "# prod: 1 → 2 shards moves 63 of 63 accounts",
      "# Stop the runner first; run every command; then set personio-azuread:shards and run a reconcile cycle.",
      "set -eu",
    ]);
    const scope = { stack: "prod", project: "personio-azuread" };
    const urns = lines.map((l) => l.replace(/ \\$/, ""));
    expect(urns).toContain(`  '${userUrn(scope, "18")}'`);
    expect(urns).toContain(`  '${membershipUrn(scope, "18", ZENDESK)}'`);
    expect(lines.filter((l) => l.startsWith("pulumi "))).toEqual([
      `pulumi state move --source 'prod' --dest 'prod-0' --yes \\`,
      `pulumi state move --source 'prod' --dest 'prod-1' --yes \\`,
    ]);
  });

  it("moves only whose shard changes when the stack is already sharded (2 → 4)", async () => {
    const run = await shards(["--to", "4", "--dry-run", ...groupsFile()], "  personio-azuread:shards: 2\n");
    const moved = USERS.filter((id) => shardOf(id, 2) !== shardOf(id, 4)).length;
    expect(run.stdout.split("\n")[0]).toBe(`prod: 2 → 4 shards moves ${moved} of 63 accounts`);
  });

  it("says there is nothing to move when the stack has that many shards", async () => {
    const run = await shards(["--to", "2"], "  personio-azuread:shards: 2\n");
    expect(run).toEqual({ code: 0, stdout: "prod has 2 shards already: nothing to move.", stderr: "" });
  });

  it.each([
    [["--to", "0"], 'Invalid value for --to: "0". Allowed: a whole number of shards from 1 to 64.'],
    [["--to", "65"], 'Invalid value for --to: "65". Allowed: a whole number of shards from 1 to 64.'],
    [["--to", "x"], 'Invalid value for --to: "x". Allowed: a whole number of shards from 1 to 64.'],
    [
      ["--to", "4"],
      "Missing --existing-groups: the stack adds members to existing groups (personio-azuread:groups.1). Allowed: the file of pulumi stack output existingGroups --json.",
    ],
  ])("fails with exit 2 on %j", async (args, message) => {
    expect(await shards(args)).toEqual({ code: 2, stdout: "", stderr: message });
  });
});
