import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { employeeLogicalName } from "../../src/contract";
import { runProgram } from "../../src/program";
import { ALL_USER_INPUTS } from "../../src/program/kept-user";
import type { Snapshot } from "../../src/snapshot";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { installMocks, type MockWorld, tenantUser, valueOf } from "./mocks";
import { listFromSandbox } from "./sample-company";

const CONFIG = { personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST" }, ...SAMPLE_CONFIG };
const ENV = { PERSONIO_BASE_URL: "http://127.0.0.1:9", PERSONIO_CLIENT_SECRET: "never-used" };
const USER = "azuread:index/user:User";
const world: MockWorld = { resources: [], invokes: [], tenant: [] };
let listed: Snapshot["employees"];

beforeAll(async () => {
  listed = await listFromSandbox();
  await installMocks(world);
});
beforeEach(() => {
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  world.resources.length = 0;
  world.tenant = [];
});
afterEach(() => jest.restoreAllMocks());

async function run(snapshot: Snapshot, config: Record<string, unknown> = CONFIG) {
  const outputs = await runProgram({
    config,
    env: ENV,
    now: new Date(),
    snapshot,
    newPassword: () => "Pw-1",
  });
  await valueOf(outputs.initialPasswords);
  return outputs;
}

describe("a Personio record skipped as unreadable", () => {
  it("keeps an existing account under its own name with every input ignored, and declares nothing for a hire", async () => {
    world.tenant = [tenantUser("obj-kept", "kept.person@contoso.com", "8001", false)];
    const warn = jest.spyOn(pulumi.log, "warn");
    const outputs = await run({
      version: 1,
      today: "2026-11-26",
      employees: listed,
      skipped: [
        { employeeId: 8001, field: "termination_date" },
        { employeeId: 8002, field: "hire_date" },
      ],
    });
    const users = world.resources.filter((r) => r.type === USER);
    expect(users).toHaveLength(64);
    const kept = users.filter((r) => r.name === employeeLogicalName("8001"));
    expect(kept).toEqual([
      {
        type: USER,
        name: employeeLogicalName("8001"),
        inputs: { displayName: "kept.person@contoso.com", userPrincipalName: "kept.person@contoso.com" },
        importId: "/users/obj-kept",
        opts: expect.objectContaining({ retainOnDelete: true, ignoreChanges: [...ALL_USER_INPUTS] }),
      },
    ]);
    expect(kept[0]?.opts?.parent).toBe(users[0]?.opts?.parent);
    expect(users.some((r) => r.name === employeeLogicalName("8002"))).toBe(false);
    expect(outputs.counts.employees).toBe(listed.length + 2);
    expect(outputs.skipped.filter((s) => s.reason === "unreadable record")).toEqual([
      { employeeId: "8001", reason: "unreadable record", attribute: "termination_date" },
      { employeeId: "8002", reason: "unreadable record", attribute: "hire_date" },
    ]);
    expect(await valueOf(outputs.principalNames)).toHaveProperty("8001", "kept.person@contoso.com");
    expect(warn.mock.calls.map(([line]) => line).filter((line) => line.includes("record skipped"))).toEqual([
      "employee 8001: termination_date: unreadable in Personio; record skipped, account left as it is",
      "employee 8002: hire_date: unreadable in Personio; record skipped, account left as it is",
    ]);
  });

  it("ignores every input azuread.User has, so the engine keeps the old ones", () => {
    const dts = readFileSync(require.resolve("@pulumi/azuread/user.d.ts"), "utf8");
    const args = /export interface UserArgs \{([\s\S]*?)\n\}/.exec(dts)?.[1] ?? "";
    const keys = [...args.matchAll(/^\s+([A-Za-z]+)\??:/gm)].map((m) => m[1]);
    expect([...ALL_USER_INPUTS]).toEqual(keys);
  });
});

describe("an attribute the Personio credentials cannot read", () => {
  it.each([
    [
      "attributeMapping",
      { ...CONFIG, attributeMapping: { jobTitle: "dynamic_404" } },
      "dynamic_404 (personio-azuread:attributeMapping.jobTitle)",
    ],
    [
      "groups",
      { ...CONFIG, groups: [{ attribute: "dynamic_405", groupPrefix: "x-" }] },
      "dynamic_405 (personio-azuread:groups.0.attribute)",
    ],
    [
      "writeBack",
      { ...CONFIG, writeBack: { attribute: "dynamic_406" } },
      "dynamic_406 (personio-azuread:writeBack.attribute)",
    ],
  ])(
    "stops the program before any resource when the %s attribute is absent from every employee",
    async (_, config, named) => {
      await expect(run({ version: 1, today: "2026-11-26", employees: listed }, config)).rejects.toThrow(
        new pulumi.RunError(
          `Personio attribute ${named} is missing from all ${listed.length} employees: the API credentials cannot ` +
            "read it. Allowed: an attribute the credentials may read; add it to their readable attributes in " +
            "Personio (Settings › Integrations › API credentials) or remove it from the stack config.",
        ),
      );
      expect(world.resources).toEqual([]);
    },
  );

  it("goes on when the attribute is absent for some employees only, or when nobody is listed", async () => {
    const one = listed[0];
    if (one === undefined) throw new Error("empty sample");
    const withIt = { ...one, attributes: { ...one.attributes, dynamic_404: "Engineer" } };
    const config = { ...CONFIG, attributeMapping: { jobTitle: "dynamic_404" } };
    await run({ version: 1, today: "2026-11-26", employees: [withIt, ...listed.slice(1)] }, config);
    expect(world.resources.filter((r) => r.type === USER)).toHaveLength(63);
    world.resources.length = 0;
    const empty = await run({ version: 1, today: "2026-11-26", employees: [] }, config);
    expect({
      employees: empty.counts.employees,
      users: world.resources.filter((r) => r.type === USER),
    }).toEqual({
      employees: 0,
      users: [],
    });
  });
});
