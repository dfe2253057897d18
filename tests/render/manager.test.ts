import type { AttributeValue } from "../../src/personio/employee";
import { account, employee, renderWith } from "./fixtures";

const withManager = (id: number, supervisor: AttributeValue, fields: Parameters<typeof employee>[1] = {}) =>
  employee(id, { ...fields, attributes: { supervisor, ...fields.attributes } });
const mapManager = { config: { attributeMapping: { managerId: "supervisor" } } };
const managerFields = (result: ReturnType<typeof renderWith>) =>
  result.users.map((user) => [user.employeeId, user.managerEmployeeId, user.managerObjectId]);

describe("manager reference", () => {
  it("references a manager who is a desired user by Personio id", () => {
    const result = renderWith([withManager(1, 3), withManager(3, null)], mapManager);
    expect(managerFields(result)).toEqual([
      ["1", "3", undefined],
      ["3", undefined, undefined],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("references a skipped manager matched to an account, with the account's object id", () => {
    const result = renderWith([withManager(1, 3), employee(3, { email: null })], {
      ...mapManager,
      accounts: [account("obj-3", "boss@example.com", "3")],
    });
    expect(managerFields(result)).toEqual([["1", "3", "obj-3"]]);
    expect(result.skipped).toEqual([
      { employeeId: "3", reason: "missing_required_attribute", attribute: "email" },
    ]);
  });

  it.each<[string, AttributeValue, ReturnType<typeof employee>[], string]>([
    [
      "not in Personio",
      99,
      [],
      "the manager is neither a desired user nor matched to an existing account; omitted",
    ],
    [
      "gone before getting an account",
      3,
      [employee(3, { terminationDate: "2020-01-31" })],
      "the manager is neither a desired user nor matched to an existing account; omitted",
    ],
    ["the employee themself", 1, [], "the employee is their own manager; omitted"],
    ["not an id", "the boss", [], "not a Personio employee id; omitted"],
  ])("omits a manager who is %s, with a warning", (_case, supervisor, others, message) => {
    const result = renderWith([withManager(1, supervisor), ...others], mapManager);
    expect(result.users.find((user) => user.employeeId === "1")?.managerEmployeeId).toBeUndefined();
    expect(result.warnings).toEqual([{ employeeId: "1", property: "managerId", message }]);
  });

  it("reads an id written as text from a custom attribute", () => {
    const result = renderWith([employee(1, { attributes: { dynamic_8: " 3 " } }), employee(3)], {
      config: { attributeMapping: { managerId: "dynamic_8" } },
    });
    expect(managerFields(result)).toEqual([
      ["1", "3", undefined],
      ["3", undefined, undefined],
    ]);
  });

  it("sets no manager when managerId is not mapped", () => {
    const result = renderWith([withManager(1, 3), employee(3)]);
    expect(managerFields(result)).toEqual([
      ["1", undefined, undefined],
      ["3", undefined, undefined],
    ]);
    expect(Object.keys(result.users[0] ?? {})).not.toContain("managerEmployeeId");
  });
});
