import * as pulumi from "@pulumi/pulumi";
import { employeeLogicalName, SCOPE_RELEASE_ENV, SHARD_ENV, shardOf } from "../../src/contract";
import { runProgram } from "../../src/program";
import { ALL_USER_INPUTS } from "../../src/program/kept-user";
import type { Snapshot } from "../../src/snapshot";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { employee } from "../render/fixtures";
import { installMocks, type MockWorld, tenantUser, valueOf } from "./mocks";

const SCOPE = { include: { status: ["active", "leave"] }, exclude: { department: ["Externals"] } };
const CONFIG = {
  personio: { clientId: "sandbox-client" },
  ...SAMPLE_CONFIG,
  groups: [{ attribute: "department", groupPrefix: "dept-" }],
  scope: SCOPE,
};
const ENV = { PERSONIO_BASE_URL: "http://127.0.0.1:9", PERSONIO_CLIENT_SECRET: "never-used" };
const USER = "azuread:index/user:User";
const GROUP = "azuread:index/group:Group";
const world: MockWorld = { resources: [], invokes: [], tenant: [] };

const staff = (id: number, department: string, status = "active") =>
  employee(id, { attributes: { position: "Staff", department, status, supervisor: null } });

/** 1 and 2 in scope; 3 (Externals) and 4 (inactive) out of scope; 3 has a managed account, 4 none. */
const SNAPSHOT: Snapshot = {
  version: 1,
  today: "2026-11-26",
  employees: [
    staff(1, "Sales"),
    staff(2, "Sales", "leave"),
    staff(3, " externals "),
    staff(4, "Sales", "inactive"),
  ],
};

beforeAll(async () => {
  await installMocks(world);
});
beforeEach(() => {
  world.resources.length = 0;
  world.tenant = [tenantUser("obj-3", "alex.tester3@contoso.com", "3")];
});
afterEach(() => jest.restoreAllMocks());

async function run(
  env: Record<string, string> = {},
  config: Record<string, unknown> = CONFIG,
  stack = "test",
) {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
  const outputs = await runProgram({
    config,
    env: { ...ENV, ...env },
    now: new Date(),
    snapshot: SNAPSHOT,
    stack,
  });
  const principalNames = await valueOf(outputs.principalNames);
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs(); // every registration done
  const warnings = warn.mock.calls.map(([line]) => line).filter((line) => line.includes("out of scope"));
  return { outputs, principalNames, warnings };
}

const users = () =>
  world.resources
    .filter((r) => r.type === USER)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

describe("the program with a scope", () => {
  it("declares no account for an employee out of scope without one (not created, not counted)", async () => {
    const { outputs } = await run();
    expect(users().some((r) => r.name === employeeLogicalName("4"))).toBe(false);
    expect(outputs.counts).toEqual({
      employees: 4,
      managed: 2,
      enabled: 2,
      disabled: 0,
      adopted: 0,
      created: 2,
      skipped: 0,
    });
    expect(outputs.skipped).toEqual([]);
  });

  it("keeps a managed account leaving scope with every input ignored, and reports it", async () => {
    const { outputs, principalNames, warnings } = await run();
    expect(users().map((r) => r.name)).toEqual(["1", "2", "3"].map(employeeLogicalName));
    expect(users().find((r) => r.name === employeeLogicalName("3"))).toEqual({
      type: USER,
      name: employeeLogicalName("3"),
      inputs: { displayName: "alex.tester3@contoso.com", userPrincipalName: "alex.tester3@contoso.com" },
      importId: "/users/obj-3",
      opts: expect.objectContaining({ retainOnDelete: true, ignoreChanges: [...ALL_USER_INPUTS] }),
    });
    expect(principalNames).toHaveProperty("3", "alex.tester3@contoso.com");
    expect(outputs.outOfScope).toEqual({ employees: 2, kept: ["3"], released: [] });
    expect(warnings).toEqual([
      "employee 3: out of scope (excluded by department); managed account left as it is (release it with --allow-scope-release)",
    ]);
  });

  it("computes groups over employees in scope only", async () => {
    await run();
    const groups = world.resources.filter((r) => r.type === GROUP);
    expect(groups.map((r) => [r.inputs["displayName"], r.inputs["members"]])).toEqual([
      ["dept-Sales", ["obj-employee-1", "obj-employee-2"]],
    ]);
  });

  it.each([["1"], ["true"]])(
    "with %s in the release variable, releases it: not declared, reported",
    async (value) => {
      const { outputs, principalNames, warnings } = await run({ [SCOPE_RELEASE_ENV]: value });
      expect(users().map((r) => r.name)).toEqual(["1", "2"].map(employeeLogicalName));
      expect(principalNames).not.toHaveProperty("3");
      expect(outputs.outOfScope).toEqual({ employees: 2, kept: [], released: ["3"] });
      expect(warnings).toEqual([
        "employee 3: out of scope (excluded by department); managed account released from the stack (--allow-scope-release); the account stays in Entra ID",
      ]);
    },
  );

  it("fails on a malformed release variable before any resource", async () => {
    await expect(run({ [SCOPE_RELEASE_ENV]: "yes" })).rejects.toThrow(
      new pulumi.RunError(
        `Invalid value for ${SCOPE_RELEASE_ENV}: "yes". Allowed: 1 or true (release the accounts of employees out of ` +
          "scope), or unset (keep them as they are).",
      ),
    );
    expect(world.resources).toEqual([]);
  });

  it("filters by scope before sharding: each shard declares its in-scope users and keeps its own out-of-scope account", async () => {
    const config = { ...CONFIG, shards: 2 };
    const byShard: string[][] = [];
    const kept: string[][] = [];
    for (const index of [0, 1]) {
      world.resources.length = 0;
      const { outputs } = await run({ [SHARD_ENV]: `${index}/2` }, config, `test-${index}`);
      byShard.push(users().map((r) => r.name));
      kept.push([...(outputs.outOfScope?.kept ?? [])]);
    }
    // shardOf("1", 2) = 0, shardOf("2", 2) = 1, shardOf("3", 2) = 0; 4 (out of scope, no account) is nowhere.
    expect(["1", "2", "3", "4"].map((id) => shardOf(id, 2))).toEqual([0, 1, 0, 1]);
    expect(byShard).toEqual([["1", "3"].map(employeeLogicalName), ["2"].map(employeeLogicalName)]);
    expect(kept).toEqual([["3"], []]);
  });
});
