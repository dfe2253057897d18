import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runPlanCommand } from "../../src/cli/plan-command";
import { generateCompany, loadSampleCompany, type Sandbox, startSandbox } from "../../src/sandbox";
import { SAMPLE_STACK_KEYS } from "../fixtures/stack-config";
import { runPlanOn } from "./plan-run";

const STACK = `config:
  azuread:tenantId: 00000000-0000-0000-0000-000000000000
  personio-azuread:personio:
    clientId: sandbox-client
    appId: PERSONIO_AZUREAD_TEST
  personio-azuread:personioClientSecret:
    secure: v1:AAAAAAAAAAAAAAAAAAAAAA==
${SAMPLE_STACK_KEYS}`;

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ employees: loadSampleCompany({ today: "2026-11-26" }) });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "plan-"));
  sandbox.setFaults({});
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string[];
}

async function plan(args: string[], stack = STACK, env: Record<string, string> = {}): Promise<Run> {
  const file = path.join(dir, "Pulumi.test.yaml");
  writeFileSync(file, stack);
  const run = await runPlanOn(sandbox, file, args, { env });
  return { code: run.code, stdout: run.out.join("\n"), stderr: run.err };
}

describe("npm run plan", () => {
  it("with writeBack configured, counts the values that would change (rendered UPN vs the attribute)", async () => {
    const company = loadSampleCompany({ today: "2026-11-26" }).map((item) => {
      const id = item.attributes["id"]?.value;
      const value = id === 1 ? "katharina.vogel@contoso.com" : id === 2 ? "someone.else@contoso.com" : null;
      const login = { label: "Login", value, type: "standard", universal_id: null };
      return { ...item, attributes: { ...item.attributes, dynamic_40001: login } };
    });
    sandbox.setEmployees(company);
    sandbox.clearRequests();
    const json = path.join(dir, "plan.json");
    try {
      const run = await plan(
        ["--json", json, "--wide"],
        `${STACK}  personio-azuread:writeBack: { attribute: dynamic_40001 }\n`,
      );
      expect(run.code).toBe(0);
      const written = JSON.parse(readFileSync(json, "utf8"));
      expect(written.writeBack).toEqual({ attribute: "dynamic_40001", changes: 62 });
      expect(written.summary.writeBacks).toBe(62);
      expect(run.stdout).toContain("; 62 write-backs to dynamic_40001");
      const listing = sandbox.requests.find((r) => r.path === "/v1/company/employees");
      expect(listing?.query["attributes[]"]).toContain("dynamic_40001");
    } finally {
      sandbox.setEmployees(loadSampleCompany({ today: "2026-11-26" }));
    }
  });

  it("prints the plan and writes the JSON file", async () => {
    const json = path.join(dir, "plan.json");
    const run = await plan(["--json", json]);
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(json, "utf8"));
    expect(written.today).toBe("2026-11-26");
    expect(written.timezone).toBe("Europe/Berlin");
    expect(written.summary).toEqual({
      employees: 69,
      users: 63,
      enabled: 63,
      disabled: 0,
      adopted: 0,
      skipped: 6,
      warnings: 2,
    });
    const ids = written.users.map((u: { employeeId: string }) => Number(u.employeeId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(written.users[0]).toEqual({
      employeeId: "1",
      userPrincipalName: "katharina.vogel@contoso.com",
      displayName: "Katharina Vogel",
      givenName: "Katharina",
      surname: "Vogel",
      mailNickname: "katharina.vogel",
      accountEnabled: true,
      jobTitle: "Chief Executive Officer",
      department: "Management",
    });
    expect(written.skipped).toContainEqual({
      employeeId: "20",
      reason: "missing_required_attribute",
      attribute: "email",
    });
    expect(run.stdout).toContain(
      "Summary: 69 employees → 63 users (63 enabled, 0 disabled, 0 adopted), 6 skipped, 2 warnings",
    );
    expect(run.stdout).toContain(`Plan written to ${json}`);
  });

  it("asks Personio only for the attributes the config needs", async () => {
    sandbox.clearRequests();
    await plan([]);
    const page = sandbox.requests.find((r) => r.path === "/v1/company/employees");
    expect(page?.query["attributes[]"]).toEqual([
      "created_at",
      "department",
      "email",
      "first_name",
      "last_name",
      "position",
      "status",
      "supervisor",
      "termination_date",
    ]);
  });

  it("previews adoption and disables from a tenant export", async () => {
    const accounts = path.join(dir, "accounts.json");
    writeFileSync(
      accounts,
      JSON.stringify({
        value: [
          {
            id: "obj-1",
            userPrincipalName: "k.vogel@contoso.com",
            mail: null,
            employeeId: "1",
            accountEnabled: true,
          },
          { id: "obj-3", userPrincipalName: "Anna.Mueller@contoso.com", employeeId: null },
          { id: "obj-x", userPrincipalName: "jose.garcia@contoso.com", employeeId: "999" },
          {
            id: "obj-24",
            userPrincipalName: "lena.wolf@contoso.com",
            employeeId: "24",
            accountEnabled: true,
          },
        ],
      }),
    );
    const json = path.join(dir, "plan.json");
    const run = await plan(["--existing-accounts", accounts, "--json", json]);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(json, "utf8"));
    const byId = new Map(written.users.map((u: { employeeId: string }) => [u.employeeId, u]));
    expect(byId.get("1")).toMatchObject({
      adoptedObjectId: "obj-1",
      userPrincipalName: "k.vogel@contoso.com",
    });
    expect(byId.get("3")).toMatchObject({ adoptedObjectId: "obj-3" });
    expect(byId.get("10")).toMatchObject({ userPrincipalName: "jose.garcia_10@contoso.com" });
    expect(byId.get("24")).toMatchObject({ adoptedObjectId: "obj-24", accountEnabled: false });
    expect(written.summary).toMatchObject({ users: 64, enabled: 63, disabled: 1, adopted: 3, skipped: 5 });
    expect(run.stdout).toContain(
      "Summary: 69 employees → 64 users (63 enabled, 1 disabled, 3 adopted), 5 skipped",
    );
  });

  it("skips employees whose account the tenant export shows as synced from on-premises AD", async () => {
    const accounts = path.join(dir, "accounts.json");
    writeFileSync(
      accounts,
      JSON.stringify([
        {
          id: "obj-1",
          userPrincipalName: "k.vogel@contoso.com",
          employeeId: "1",
          onPremisesSyncEnabled: true,
        },
        { id: "obj-3", userPrincipalName: "Anna.Mueller@contoso.com", onPremisesSyncEnabled: true },
        {
          id: "obj-24",
          userPrincipalName: "lena.wolf@contoso.com",
          employeeId: "24",
          onPremisesSyncEnabled: false,
        },
      ]),
    );
    const json = path.join(dir, "plan.json");
    const run = await plan(["--existing-accounts", accounts, "--json", json]);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(json, "utf8"));
    const ids = written.users.map((u: { employeeId: string }) => u.employeeId);
    expect([ids.includes("1"), ids.includes("3"), ids.includes("24")]).toEqual([false, false, true]);
    expect(written.skipped.filter((s: { reason: string }) => s.reason === "hybrid_account")).toEqual([
      { employeeId: "1", reason: "hybrid_account" },
      { employeeId: "3", reason: "hybrid_account" },
    ]);
    const hybrid =
      "the matching account is synced from on-premises AD; not adopted, and no second account is created";
    expect(written.warnings.filter((w: { message: string }) => w.message === hybrid)).toEqual([
      { employeeId: "1", property: "employeeId", message: hybrid },
      { employeeId: "3", property: "employeeId", message: hybrid },
    ]);
    expect(written.summary).toMatchObject({ users: 62, adopted: 1, skipped: 7 });
    expect(run.stdout).toContain(
      "Summary: 69 employees → 62 users (61 enabled, 1 disabled, 1 adopted), 7 skipped",
    );
  });

  it("holds back joiners until their lead time and shows what the next 14 days bring", async () => {
    const joiners = "  personio-azuread:joiners: { createDaysBeforeHire: 14, enableFrom: hireDate }\n";
    const json = path.join(dir, "plan.json");
    sandbox.clearRequests();
    const run = await plan(["--json", json], STACK + joiners);
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(json, "utf8"));
    const byId = new Map(written.users.map((u: { employeeId: string }) => [u.employeeId, u]));
    expect(
      ["29", "30", "68", "69"].map((id) => [
        id,
        (byId.get(id) as { accountEnabled: boolean }).accountEnabled,
      ]),
    ).toEqual([
      ["29", false],
      ["30", true],
      ["68", false],
      ["69", false],
    ]);
    expect(written.skipped).toContainEqual({
      employeeId: "67",
      reason: "not_yet_due",
      createOn: "2026-12-22",
    });
    expect(written.nextEvents).toEqual([
      { employeeId: "25", event: "disable", date: "2026-11-27" },
      { employeeId: "26", event: "disable", date: "2026-11-28" },
      { employeeId: "29", event: "enable", date: "2026-12-10" },
      { employeeId: "33", event: "disable", date: "2026-12-27" },
      { employeeId: "67", event: "create", date: "2026-12-22" },
      { employeeId: "68", event: "enable", date: "2026-12-01" },
      { employeeId: "69", event: "enable", date: "2026-11-29" },
    ]);
    expect(written.nextDays).toEqual([
      { date: "2026-11-27", create: [], enable: [], disable: ["25"] },
      { date: "2026-11-28", create: [], enable: [], disable: ["26"] },
      { date: "2026-11-29", create: [], enable: ["69"], disable: [] },
      { date: "2026-12-01", create: [], enable: ["68"], disable: [] },
      { date: "2026-12-10", create: [], enable: ["29"], disable: [] },
    ]);
    expect(run.stdout).toContain("Next 14 days\n");
    expect(run.stdout).toContain("\n- 1 × not_yet_due: 67 (create 2026-12-22)\n");
    const page = sandbox.requests.find((r) => r.path === "/v1/company/employees");
    expect(page?.query["attributes[]"]).toContain("hire_date");
  });

  it("lists each user's groups and the groups the rules fill", async () => {
    const rules = `  personio-azuread:groups:
    - { attribute: department, value: Sales, group: sg-sales }
    - { attribute: department, groupPrefix: "dept-" }
    - { attribute: office, value: Vienna, existingGroup: Office Vienna }
    - { attribute: dynamic_31001, groupPrefix: "type-" }
`;
    const accounts = path.join(dir, "accounts.json");
    writeFileSync(
      accounts,
      JSON.stringify([{ id: "obj-24", userPrincipalName: "lena.wolf@contoso.com", employeeId: "24" }]),
    );
    const json = path.join(dir, "plan.json");
    sandbox.clearRequests();
    const run = await plan(["--json", json, "--existing-accounts", accounts, "--wide"], STACK + rules);
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(json, "utf8"));
    const byId = new Map(written.users.map((u: { employeeId: string }) => [u.employeeId, u]));
    expect(byId.get("12")).toMatchObject({
      groups: ["dept-Sales", "Office Vienna", "sg-sales", "type-Permanent"],
    });
    expect(byId.get("24")).toMatchObject({ accountEnabled: false, groups: [] });
    const created = (name: string, source: string, members: number) => ({
      name,
      kind: "created",
      sources: [source],
      members,
    });
    expect(written.groups).toEqual([
      created("dept-Customer Success", "department = Customer Success", 7),
      created("dept-Engineering", "department = Engineering", 21),
      created("dept-Finance", "department = Finance", 7),
      created("dept-Management", "department = Management", 1),
      created("dept-Marketing", "department = Marketing", 9),
      created("dept-People", "department = People", 5),
      created("dept-Sales", "department = Sales", 13),
      created("sg-sales", "department = Sales", 13),
      created("type-Contractor", "dynamic_31001 = Contractor", 1),
      created("type-Fixed-term", "dynamic_31001 = Fixed-term", 4),
      created("type-Intern", "dynamic_31001 = Intern", 1),
      created("type-Permanent", "dynamic_31001 = Permanent", 57),
      { name: "Office Vienna", kind: "existing", sources: ["office = Vienna"], members: 4 },
    ]);
    expect(written.summary).toMatchObject({
      users: 64,
      enabled: 63,
      disabled: 1,
      groups: written.groups.length,
    });
    expect(written.summary.memberships).toBe(
      written.users.reduce((sum: number, u: { groups: string[] }) => sum + u.groups.length, 0),
    );
    expect(run.stdout).toMatch(/│ Manager +│ Groups +│ Next event +│\n/);
    expect(run.stdout).toMatch(
      /│ 3 +│ anna\.mueller@contoso\.com .*│ dept-Sales, sg-sales, type-Permanent +│ +│\n/,
    );
    expect(run.stdout).toContain("Groups (13)");
    expect(run.stdout).toMatch(/│ sg-sales +│ new +│ 13 +│ department = Sales +│\n/);
    expect(run.stdout).toMatch(/│ Office Vienna +│ existing +│ 4 +│ office = Vienna +│\n/);
    expect(run.stdout).toContain("; 13 groups, 143 memberships");
    const page = sandbox.requests.find((r) => r.path === "/v1/company/employees");
    expect(page?.query["attributes[]"]).toEqual(
      expect.arrayContaining(["department", "office", "dynamic_31001"]),
    );
  });

  it.each([
    [
      "the credentials are wrong",
      { rejectCredentials: true },
      /^Personio POST \/v1\/auth: HTTP 401: credentials refused/,
    ],
    [
      "a page keeps failing",
      { serverError: { offset: 0, times: "always" as const } },
      /^Personio GET \/v1\/company\/employees offset=0: HTTP 500 \(after 5 attempts\)$/,
    ],
  ])(
    "exits 1 with one line and writes no file when %s",
    async (_case, faults, message) => {
      sandbox.setFaults(faults);
      const json = path.join(dir, "plan.json");
      const run = await plan(["--json", json]);
      expect(run.code).toBe(1);
      expect(run.stderr).toHaveLength(1);
      expect(run.stderr[0]).toMatch(message);
      expect(run.stdout).toBe("");
      expect(existsSync(json)).toBe(false);
    },
    60_000,
  );

  it("skips a record it cannot read, listing its id and field, and plans everyone else", async () => {
    const employees = generateCompany(3, 1);
    const broken = structuredClone(employees) as unknown as { attributes: Record<string, unknown> }[];
    (broken[1] as { attributes: Record<string, unknown> }).attributes["termination_date"] = {
      value: "2025-02-30",
    };
    sandbox.setFaults({
      replacePage: { offset: 0, body: { success: true, metadata: { total_elements: 3 }, data: broken } },
    });
    const json = path.join(dir, "plan.json");
    const run = await plan(["--json", json]);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(json, "utf8"));
    expect(written.skipped).toContainEqual({
      employeeId: "2",
      reason: "unreadable_record",
      attribute: "termination_date",
    });
    expect(written.summary.employees).toBe(3);
    expect(run.stdout).not.toContain("2025-02-30");
  });

  it("exits 1 naming the request of a record without a readable id, keeping an earlier plan file", async () => {
    const employees = generateCompany(3, 1);
    const broken = structuredClone(employees) as unknown as { attributes: Record<string, unknown> }[];
    (broken[1] as { attributes: Record<string, unknown> }).attributes["id"] = { value: "x" };
    sandbox.setFaults({
      replacePage: { offset: 0, body: { success: true, metadata: { total_elements: 3 }, data: broken } },
    });
    const json = path.join(dir, "plan.json");
    writeFileSync(json, "previous");
    const run = await plan(["--json", json]);
    expect(run.code).toBe(1);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(/^Personio GET \/v1\/company\/employees offset=0: malformed payload/);
    expect(readFileSync(json, "utf8")).toBe("previous");
  });

  it.each<[string, (d: string) => string, string]>([
    ["a directory", (d) => d, "is a directory"],
    [
      "in a missing directory",
      (d) => path.join(d, "missing", "plan.json"),
      "is in a directory that does not exist",
    ],
  ])("exits 2 for --json %s before Personio is contacted", async (_, make, why) => {
    sandbox.clearRequests();
    const json = make(dir);
    const run = await plan(["--json", json]);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([
      `Invalid value for --json: ${JSON.stringify(json)} ${why}. Allowed: a file in an existing, writable directory, a character device or a FIFO.`,
    ]);
    expect(sandbox.requests).toEqual([]);
    expect(readdirSync(dir)).toEqual(["Pulumi.test.yaml"]);
  });

  it("writes --json /dev/null without replacing the device", async () => {
    const run = await plan(["--json", "/dev/null"]);
    expect(run.code).toBe(0);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it.each([
    [["--today", "2026-13-01"], 'Invalid value for --today: "2026-13-01". Allowed: a date YYYY-MM-DD.'],
    [
      ["--frobnicate"],
      "Unknown flag --frobnicate. Flags: --stack-config, --today, --json, --existing-accounts, --wide, --help (see --help).",
    ],
  ])("exits 2 on bad flags %p", async (args, message) => {
    const run = await plan(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([message]);
  });

  it("exits 2 without --stack-config", async () => {
    const err: string[] = [];
    const code = await runPlanCommand([], {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      env: {},
      now: () => new Date(),
    });
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^Missing --stack-config\. Usage: /);
  });

  it("exits 2 on a config error, naming key, value and what is allowed", async () => {
    const run = await plan([], STACK.replace("Europe/Berlin", "Europe/Berln"));
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([
      'Invalid value for personio-azuread:timezone: "Europe/Berln". Allowed: an IANA time zone such as Europe/Berlin.',
    ]);
  });

  it("exits 2 when the secret is encrypted and not in the environment", async () => {
    const run = await plan([], STACK, { PERSONIO_CLIENT_SECRET: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([
      "Missing Personio client secret: personio-azuread:personioClientSecret is encrypted in the stack file and only Pulumi can decrypt it. Allowed: set PERSONIO_CLIENT_SECRET.",
    ]);
  });

  it("exits 2 on a tenant export that is not Graph users", async () => {
    const accounts = path.join(dir, "accounts.json");
    writeFileSync(accounts, JSON.stringify([{ id: "a", userPrincipalName: 5 }]));
    const run = await plan(["--existing-accounts", accounts]);
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toMatch(
      new RegExp(
        `^Invalid --existing-accounts ${accounts.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: entry 0, field userPrincipalName: `,
      ),
    );
  });

  it("exits 2 on one page of a paged tenant export, before Personio is read", async () => {
    const accounts = path.join(dir, "page-1.json");
    writeFileSync(
      accounts,
      JSON.stringify({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        value: [{ id: "obj-1", userPrincipalName: "k.vogel@contoso.com", employeeId: "1" }],
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=RFNwdAIAAQAAAA",
      }),
    );
    const json = path.join(dir, "plan.json");
    sandbox.setFaults({ rejectCredentials: true });
    const run = await plan(["--existing-accounts", accounts, "--json", json]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: [
        `Invalid --existing-accounts ${accounts}: field @odata.nextLink is set, so the file is one page of 1 user, not the whole tenant. ` +
          "Allowed: every page of GET /users in one file: follow @odata.nextLink until it is absent and concatenate " +
          "the pages' value arrays into one JSON array, e.g. jq -s '[.[].value[]]' page-*.json > users.json.",
      ],
    });
    expect(existsSync(json)).toBe(false);
  });

  it("exits 2 on a tenant export whose @odata.count is above the users it holds", async () => {
    const accounts = path.join(dir, "accounts.json");
    writeFileSync(
      accounts,
      JSON.stringify({
        value: [{ id: "obj-1", userPrincipalName: "k.vogel@contoso.com" }],
        "@odata.count": 1200,
      }),
    );
    const run = await plan(["--existing-accounts", accounts]);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([
      `Invalid --existing-accounts ${accounts}: field @odata.count is 1200 but value holds 1 user, so the file is one page, not the whole tenant. ` +
        "Allowed: every page of GET /users in one file: follow @odata.nextLink until it is absent and concatenate " +
        "the pages' value arrays into one JSON array, e.g. jq -s '[.[].value[]]' page-*.json > users.json.",
    ]);
  });

  it("exits 2 when the stack file does not exist", async () => {
    const err: string[] = [];
    const missing = path.join(dir, "Pulumi.nope.yaml");
    const code = await runPlanCommand(["--stack-config", missing], {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      env: {},
      now: () => new Date(),
    });
    expect(code).toBe(2);
    expect(err).toEqual([
      `Cannot read stack config ${missing}: ENOENT. Allowed: a readable Pulumi.<stack>.yaml file.`,
    ]);
  });
});
