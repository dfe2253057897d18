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
const HYBRID =
  "the matching account is synced from on-premises AD; not adopted, and no second account is created";
const world: MockWorld = { resources: [], invokes: [], tenant: [] };
let listed: Snapshot["employees"];

/** A synced user as `getUsers` lists it: directory sync fills in the on-premises samAccountName. */
function synced(objectId: string, userPrincipalName: string, employeeId: string, samAccountName: string) {
  return { ...tenantUser(objectId, userPrincipalName, employeeId), onpremisesSamAccountName: samAccountName };
}

beforeAll(async () => {
  listed = await listFromSandbox();
  await installMocks(world);
});
beforeEach(() => {
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  world.resources.length = 0;
});
afterEach(() => jest.restoreAllMocks());

describe("an account synced from on-premises AD", () => {
  it("is not adopted: skipped with a warning, kept unchanged when it carries the employee id, nothing created", async () => {
    world.tenant = [
      synced("obj-1", "k.vogel@contoso.com", "1", "kvogel"),
      synced("obj-3", "Anna.Mueller@contoso.com", "", "amueller"),
      { ...tenantUser("obj-24", "lena.wolf@contoso.com", "24"), onpremisesSamAccountName: "" },
    ];
    const warn = jest.spyOn(pulumi.log, "warn");
    const outputs = await runProgram({
      config: CONFIG,
      env: ENV,
      now: new Date(),
      snapshot: { version: 1, today: "2026-11-26", employees: listed },
      newPassword: () => "Pw-1",
    });
    await valueOf(outputs.initialPasswords);
    const users = world.resources.filter((r) => r.type === USER);
    // 61 rendered as without a tenant (63, less 1 and 3), employee 24 adopted (a leaver), employee 1 kept.
    expect(users).toHaveLength(63);
    expect(users.filter((r) => r.name === employeeLogicalName("1"))).toEqual([
      {
        type: USER,
        name: employeeLogicalName("1"),
        inputs: { displayName: "k.vogel@contoso.com", userPrincipalName: "k.vogel@contoso.com" },
        importId: "/users/obj-1",
        opts: expect.objectContaining({ retainOnDelete: true, ignoreChanges: [...ALL_USER_INPUTS] }),
      },
    ]);
    expect(users.some((r) => r.name === employeeLogicalName("3"))).toBe(false);
    expect(users.find((r) => r.name === employeeLogicalName("24"))?.importId).toBe("/users/obj-24");
    expect(outputs.skipped.filter((s) => s.reason === "hybrid_account")).toEqual([
      { employeeId: "1", reason: "hybrid_account" },
      { employeeId: "3", reason: "hybrid_account" },
    ]);
    expect(outputs.counts).toMatchObject({ managed: 62, adopted: 1 });
    expect(warn.mock.calls.map(([line]) => line).filter((line) => line.includes("on-premises"))).toEqual([
      `employee 1: employeeId: ${HYBRID}`,
      `employee 3: employeeId: ${HYBRID}`,
    ]);
  });
});
