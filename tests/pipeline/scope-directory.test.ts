import { type LoadedConfig, parseStackConfig } from "../../src/config";
import { AttributeAccessError, desiredDirectory } from "../../src/pipeline";
import { account, employee } from "../render/fixtures";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

function configWith(scope: unknown, groups: unknown[] = []): LoadedConfig {
  const parsed = parseStackConfig({ ...SAMPLE_CONFIG, personio: { clientId: "c" }, scope, groups });
  return { ...parsed, personioClientSecret: "s" };
}

const EXTERNALS = { exclude: { department: ["Externals"] } };

const people = [
  employee(1, { attributes: { position: "Staff", department: "Externals", supervisor: null } }),
  employee(2, { attributes: { position: "Staff", department: "Sales", supervisor: 1 } }),
  employee(3, { attributes: { position: "Staff", department: "externals ", supervisor: 2 } }),
  employee(4, { attributes: { position: "Staff", department: "Sales", supervisor: 3 } }),
];

async function directory(scope: unknown, accounts = [account("obj-1", "ext.one@contoso.com", "1")]) {
  return desiredDirectory({
    config: configWith(scope, [{ attribute: "department", groupPrefix: "dept-" }]),
    today: "2026-11-26",
    existingAccounts: async () => accounts,
    listing: { employees: people, skipped: [] },
  });
}

describe("desiredDirectory with a scope", () => {
  it("renders and groups only employees in scope, and lists the others", async () => {
    const { employees, outOfScope, result, groups } = await directory(EXTERNALS);
    expect(employees.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(outOfScope).toEqual([
      { employeeId: "1", reason: "excluded", attribute: "department" },
      { employeeId: "3", reason: "excluded", attribute: "department" },
    ]);
    expect(result.users.map((u) => u.employeeId)).toEqual(["2", "4"]);
    expect(result.skipped).toEqual([]);
    expect(groups.groups.map((g) => [g.label, g.members])).toEqual([["dept-Sales", ["2", "4"]]]);
  });

  it("links a supervisor out of scope by the object id of the account carrying their id, or warns", async () => {
    const { result } = await directory(EXTERNALS);
    const [two, four] = result.users;
    expect(two).toMatchObject({ employeeId: "2", managerEmployeeId: "1", managerObjectId: "obj-1" });
    expect(four?.managerEmployeeId).toBeUndefined();
    expect(four?.managerObjectId).toBeUndefined();
    expect(result.warnings).toEqual([
      {
        employeeId: "4",
        property: "managerId",
        message: "the manager is neither a desired user nor matched to an existing account; omitted",
      },
    ]);
  });

  it("does not adopt an out-of-scope employee's account for anyone, and keeps its login taken", async () => {
    const taken = account("obj-9", "alex.tester2@contoso.com", "1");
    const { result } = await directory(EXTERNALS, [taken]);
    expect(result.users.map((u) => [u.employeeId, u.userPrincipalName, u.adoptedObjectId])).toEqual([
      ["2", "alex.tester2_2@contoso.com", undefined],
      ["4", "alex.tester4@contoso.com", undefined],
    ]);
  });

  it("stops when Personio sends a scope attribute for nobody (credentials that may not read it)", async () => {
    const run = directory({ include: { dynamic_77: ["yes"] } });
    await expect(run).rejects.toThrow(AttributeAccessError);
    await expect(run).rejects.toThrow(
      "Personio attribute dynamic_77 (personio-azuread:scope.include.dynamic_77) is missing from all 4 employees",
    );
  });
});
