import * as pulumi from "@pulumi/pulumi";
import { runProgram, type ProgramOutputs } from "../../src/program";
import { loadSampleCompany, type PersonioEmployeeItem, type Sandbox, startSandbox } from "../../src/sandbox";
import { installMocks, type MockWorld, tenantUser, valueOf } from "./mocks";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

const ZENDESK = "0a1b2c3d-0000-4000-8000-00000000000a";
const BERLIN = "0a1b2c3d-0000-4000-8000-00000000000b";
const RULES = [
  { attribute: "department", value: "Sales", group: "sg-sales" },
  { attribute: "department", groupPrefix: "dept-" },
  { attribute: "department", value: "Customer Success", existingGroup: "Zendesk Agents" },
  { attribute: "office", value: "Berlin", existingGroupId: BERLIN },
];
const CONFIG = {
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST" },
  ...SAMPLE_CONFIG,
  attributeMapping: { department: "department" },
  groups: RULES,
};
const NOW = new Date("2026-11-26T10:00:00Z");
const TODAY = "2026-11-26";
const GROUP = "azuread:index/group:Group";
const MEMBER = "azuread:index/groupMember:GroupMember";
const COMPONENT = "personio-azuread:index:Groups";
const GROUPS_URN = `urn:pulumi:test::personio-azuread::${COMPONENT}::personio`;

/** Rendered users of the sample company by department and office (20, 21, 22, 24, 27, 28 are skipped). */
const SALES = ["3", "8", "12", "16", "25", "31", "33", "39", "42", "49", "60", "63", "69"];
const CUSTOMER_SUCCESS = ["18", "37", "45", "53", "57", "64", "68"];
const IN_BERLIN = [
  "1", "2", "4", "7", "9", "10", "14", "15", "18", "29", "32", "35", "36", "37", "38", "41", "45", "47", "51",
  "52", "53", "54", "55", "59", "61", "68",
]; // prettier-ignore

const world: MockWorld = { resources: [], invokes: [], tenant: [] };
let sandbox: Sandbox;
let warnings: jest.SpyInstance;

beforeAll(async () => {
  sandbox = await startSandbox({ employees: loadSampleCompany({ today: TODAY }) });
  await installMocks(world);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  world.resources.length = 0;
  world.invokes.length = 0;
  world.tenant = [];
  world.groups = [
    { objectId: ZENDESK, displayName: "Zendesk Agents", members: ["obj-contractor", "obj-service-desk"] },
    { objectId: BERLIN, displayName: "Office Berlin", members: ["obj-visitor"] },
    { objectId: "0a1b2c3d-0000-4000-8000-00000000000c", displayName: "Unrelated" },
  ];
  sandbox.setEmployees(loadSampleCompany({ today: TODAY }));
});
afterEach(() => {
  warnings.mockRestore();
});

async function run(config: Record<string, unknown> = CONFIG, now = NOW): Promise<ProgramOutputs> {
  const outputs = await runProgram({
    config,
    env: { PERSONIO_BASE_URL: sandbox.baseUrl, PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret },
    now,
    newPassword: () => "Initial-Password",
  });
  await valueOf(outputs.initialPasswords);
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs(); // every registration done
  return outputs;
}

const groups = () => world.resources.filter((r) => r.type === GROUP);
const group = (name: string) => groups().find((r) => r.name === `group-${name.toLowerCase()}`);
const membersOf = (name: string) => group(name)?.inputs["members"];
const memberships = () => world.resources.filter((r) => r.type === MEMBER);
const membershipNames = (groupId: string) =>
  memberships()
    .filter((r) => r.inputs["groupObjectId"] === groupId)
    .map((r) => r.name)
    .sort();
const accounts = (ids: readonly string[]) => ids.map((id) => `obj-employee-${id}`);
const names = (ids: readonly string[], groupId: string) => ids.map((id) => `member-${id}-${groupId}`).sort();

/** Moves an employee of the sample company to another department in Personio. */
function moveTo(employeeId: number, department: string): PersonioEmployeeItem[] {
  return loadSampleCompany({ today: TODAY }).map((item) => {
    if (item.attributes["id"]?.value !== employeeId) return item;
    const current = item.attributes["department"] as { value: { attributes: Record<string, unknown> } };
    const value = { ...current.value, attributes: { ...current.value.attributes, name: department } };
    return { ...item, attributes: { ...item.attributes, department: { ...current, value } } };
  });
}

describe("group memberships, under mocks", () => {
  it("declares the exact groups and memberships of the sample company", async () => {
    const outputs = await run();
    expect(world.resources.filter((r) => r.type === COMPONENT).map((c) => [c.name, c.inputs])).toEqual([
      ["personio", {}],
    ]);
    expect(
      groups()
        .map((g) => g.name)
        .sort(),
    ).toEqual([
      "group-dept-customer success",
      "group-dept-engineering",
      "group-dept-finance",
      "group-dept-management",
      "group-dept-marketing",
      "group-dept-people",
      "group-dept-sales",
      "group-sg-sales",
    ]);
    expect(group("sg-sales")?.inputs).toEqual({
      displayName: "sg-sales",
      description:
        "Managed by personio-azuread from Personio department = Sales; members are set by the stack",
      securityEnabled: true,
      preventDuplicateNames: true,
      members: accounts(SALES),
    });
    expect(group("sg-sales")?.importId).toBeUndefined();
    expect(group("sg-sales")?.opts).toEqual({
      parent: GROUPS_URN,
      retainOnDelete: true,
      protect: false,
      ignoreChanges: [],
      additionalSecretOutputs: [],
    });
    expect(group("dept-Customer Success")?.inputs).toMatchObject({
      displayName: "dept-Customer Success",
      description:
        "Managed by personio-azuread from Personio department = Customer Success; members are set by the stack",
      members: accounts(CUSTOMER_SUCCESS),
    });
    expect(membersOf("dept-Management")).toEqual(["obj-employee-1"]);

    expect(memberships()).toHaveLength(CUSTOMER_SUCCESS.length + IN_BERLIN.length);
    expect(membershipNames(ZENDESK)).toEqual(names(CUSTOMER_SUCCESS, ZENDESK));
    expect(membershipNames(BERLIN)).toEqual(names(IN_BERLIN, BERLIN));
    const one = memberships().find((m) => m.name === `member-18-${ZENDESK}`);
    expect(one?.inputs).toEqual({ groupObjectId: ZENDESK, memberObjectId: "obj-employee-18" });
    expect(one?.importId).toBeUndefined();
    expect(one?.opts).toEqual({
      parent: GROUPS_URN,
      retainOnDelete: false,
      protect: false,
      ignoreChanges: [],
      additionalSecretOutputs: [],
    });

    expect(outputs.groups).toEqual({
      groups: 10,
      created: 8,
      existing: 2,
      memberships: SALES.length + 63 + CUSTOMER_SUCCESS.length + IN_BERLIN.length,
    });
    expect(outputs.existingGroups).toEqual({ [BERLIN]: "Office Berlin", [ZENDESK]: "Zendesk Agents" });
    expect(world.invokes).toEqual([
      "azuread:index/getUsers:getUsers",
      "azuread:index/getGroups:getGroups",
      "azuread:index/getGroup:getGroup",
      "azuread:index/getGroup:getGroup",
    ]);
  });

  it("moves the membership when the department changes in Personio, in the same run", async () => {
    await run();
    expect(membersOf("sg-sales")).toContain("obj-employee-3");
    expect(membershipNames(ZENDESK)).toContain(`member-18-${ZENDESK}`);

    world.resources.length = 0;
    sandbox.setEmployees(moveTo(3, "Marketing"));
    await run();
    expect(membersOf("sg-sales")).toEqual(accounts(SALES.filter((id) => id !== "3")));
    expect(membersOf("dept-Sales")).toEqual(accounts(SALES.filter((id) => id !== "3")));
    expect(membersOf("dept-Marketing")).toEqual(
      accounts(["3", "6", "11", "26", "34", "43", "50", "58", "65", "67"]),
    );

    world.resources.length = 0;
    sandbox.setEmployees(moveTo(18, "Sales"));
    await run();
    expect(membershipNames(ZENDESK)).toEqual(names(["37", "45", "53", "57", "64", "68"], ZENDESK));
    expect(membersOf("sg-sales")).toEqual(accounts(["3", "8", "12", "16", "18", ...SALES.slice(4)]));
    // Still in Berlin: the office rule keeps that membership.
    expect(membershipNames(BERLIN)).toContain(`member-18-${BERLIN}`);
  });

  it("takes a leaver out of every group from the day after the termination date", async () => {
    world.tenant = [tenantUser("obj-lena", "lena.wolf@contoso.com", "24")];
    world.groups = [
      { objectId: ZENDESK, displayName: "Zendesk Agents", members: [] },
      { objectId: BERLIN, displayName: "Office Berlin", members: ["obj-lena"] },
    ];
    await run(CONFIG, new Date("2026-11-25T12:00:00Z"));
    expect(membersOf("dept-Engineering")).toContain("obj-lena");
    expect(memberships().find((m) => m.name === `member-24-${BERLIN}`)?.importId).toBe(
      `${BERLIN}/member/obj-lena`,
    );

    world.resources.length = 0;
    const outputs = await run();
    expect(outputs.counts).toMatchObject({ disabled: 1 });
    expect(membersOf("dept-Engineering")).not.toContain("obj-lena");
    expect(memberships().filter((m) => m.name.startsWith("member-24-"))).toEqual([]);
    expect(
      world.resources.some(
        (r) => JSON.stringify(r.inputs).includes("obj-lena") && r.type !== "azuread:index/user:User",
      ),
    ).toBe(false);
  });

  it("adopts a membership the existing group already has instead of failing as a duplicate", async () => {
    world.tenant = [
      tenantUser("obj-anna", "anna.mueller@contoso.com", "3"),
      tenantUser("obj-kim", "kim@contoso.com", "37"),
    ];
    world.groups = [
      { objectId: ZENDESK, displayName: "Zendesk Agents", members: ["obj-kim", "obj-contractor"] },
      { objectId: BERLIN, displayName: "Office Berlin", members: [] },
    ];
    await run();
    const kim = memberships().find((m) => m.name === `member-37-${ZENDESK}`);
    expect(kim?.inputs).toEqual({ groupObjectId: ZENDESK, memberObjectId: "obj-kim" });
    expect(kim?.importId).toBe(`${ZENDESK}/member/obj-kim`);
    expect(memberships().find((m) => m.name === `member-37-${BERLIN}`)?.importId).toBeUndefined();
    expect(membersOf("sg-sales")).toContain("obj-anna");
    expect(memberships().filter((m) => m.importId !== undefined)).toHaveLength(1);
  });

  it("never declares a membership no rule makes, whatever the rules become", async () => {
    const foreign = ["obj-contractor", "obj-service-desk", "obj-visitor"];
    const declared = () => [
      ...groups().flatMap((g) => g.inputs["members"] as string[]),
      ...memberships().map((m) => m.inputs["memberObjectId"]),
    ];
    await run();
    expect(declared().filter((id) => foreign.includes(id as string))).toEqual([]);

    world.resources.length = 0;
    world.invokes.length = 0;
    const changed = [
      { attribute: "department", value: "Sales", existingGroup: "Zendesk Agents" },
      { attribute: "office", value: "Munich", existingGroupId: BERLIN },
    ];
    await run({ ...CONFIG, groups: changed });
    expect(groups()).toEqual([]);
    expect(membershipNames(ZENDESK)).toEqual(names(SALES, ZENDESK));
    expect(declared().filter((id) => foreign.includes(id as string))).toEqual([]);
    expect(memberships().every((m) => m.importId === undefined)).toBe(true);
    expect(world.invokes.filter((t) => t === "azuread:index/getGroup:getGroup")).toHaveLength(2);
  });

  it.each([
    [
      "an existing group name two groups share",
      [
        { objectId: ZENDESK, displayName: "Zendesk Agents" },
        { objectId: BERLIN, displayName: "zendesk agents" },
      ],
      'Invalid value for personio-azuread:groups.2.existingGroup: "Zendesk Agents". Allowed: the display name of exactly one existing group (2 groups have this name; give the one meant as existingGroupId).',
    ],
    [
      "an existing group name no group has",
      [{ objectId: BERLIN, displayName: "Office Berlin" }],
      'Invalid value for personio-azuread:groups.2.existingGroup: "Zendesk Agents". Allowed: the display name of exactly one existing group (no group has this name).',
    ],
    [
      "a dynamic group",
      [
        { objectId: ZENDESK, displayName: "Zendesk Agents", types: ["DynamicMembership"] },
        { objectId: BERLIN, displayName: "Office Berlin" },
      ],
      'Invalid group in personio-azuread:groups.2: "Zendesk Agents" is a dynamic group: its rule sets its members. Allowed: an assigned (not dynamic) cloud group, or a group this stack creates.',
    ],
    [
      "a group object id the tenant does not have",
      [{ objectId: ZENDESK, displayName: "Zendesk Agents" }],
      `Cannot read the group ${BERLIN} (personio-azuread:groups.3): No group found with object ID: "${BERLIN}"`,
    ],
  ])("fails on %s, declaring nothing", async (_case, tenantGroups, message) => {
    world.groups = tenantGroups;
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(pulumi.RunError);
    expect((error as Error).message).toBe(message);
    expect(world.resources).toEqual([]);
  });

  it("fails closed when Personio sends a rule's attribute for no employee", async () => {
    const config = { ...CONFIG, groups: [{ attribute: "dynamic_99999", value: "x", group: "sg-x" }] };
    await expect(run(config)).rejects.toThrow(
      new pulumi.RunError(
        "Personio attribute dynamic_99999 (personio-azuread:groups.0.attribute) is missing from all 69 employees: " +
          "the API credentials cannot read it. Allowed: an attribute the credentials may read; add it to their " +
          "readable attributes in Personio (Settings › Integrations › API credentials) or remove it from the stack config.",
      ),
    );
    expect(world.resources).toEqual([]);
  });

  it("declares no group resources and reads no groups without rules", async () => {
    const outputs = await run({ ...CONFIG, groups: [] });
    expect(world.resources.filter((r) => [GROUP, MEMBER, COMPONENT].includes(r.type))).toEqual([]);
    expect(world.invokes).toEqual(["azuread:index/getUsers:getUsers"]);
    expect(outputs.groups).toEqual({ groups: 0, created: 0, existing: 0, memberships: 0 });
    expect(outputs.existingGroups).toEqual({});
  });
});
