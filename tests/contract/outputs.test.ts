import { readStackOutputs, StackOutputsError, StackOutputsSchema } from "../../src/contract";

const COUNTS = { employees: 9, managed: 8, enabled: 7, disabled: 1, adopted: 1, created: 7, skipped: 1 };
const GROUPS = { groups: 2, created: 1, existing: 1, memberships: 5 };

describe("the stack outputs contract", () => {
  it("accepts what the program declares, resolved", () => {
    const outputs = {
      counts: COUNTS,
      skipped: [{ employeeId: "110", reason: "missing_required_attribute", attribute: "email" }],
      initialPasswords: { "7": "pw" },
      groups: GROUPS,
      existingGroups: { "0f1e": "Staff" },
      principalNames: { "7": "a@contoso.com" },
      lifecycle: {
        nextEvents: [{ employeeId: "12", event: "enable", date: "2026-12-01" }],
        rehires: [{ employeeId: "812", previousEmployeeId: "97" }],
      },
    };
    expect(StackOutputsSchema.parse(outputs)).toStrictEqual(outputs);
  });

  it("reads what the runner sees: secrets and unknowns left as they are, missing outputs missing", () => {
    expect(
      readStackOutputs({ counts: COUNTS, initialPasswords: "[secret]", principalNames: "[unknown]" }),
    ).toStrictEqual({
      counts: COUNTS,
      initialPasswords: "[secret]",
      principalNames: "[unknown]",
    });
    expect(readStackOutputs({})).toStrictEqual({});
    expect(readStackOutputs(undefined)).toBeUndefined();
  });

  it("fails closed with one line naming each mismatching path, never the values", () => {
    const read = () =>
      readStackOutputs({
        counts: { ...COUNTS, employees: "nine" },
        groups: { ...GROUPS, memberships: undefined },
      });
    expect(read).toThrow(StackOutputsError);
    expect(read).toThrow(
      "Invalid stack outputs: counts.employees: Invalid input: expected number, received string; " +
        "groups.memberships: Invalid input: expected number, received undefined. " +
        "Allowed: the outputs of this version of the program; deploy the program and the runner together.",
    );
  });
});
