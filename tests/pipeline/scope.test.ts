import type { ScopeConfig } from "../../src/config";
import type { AttributeValue } from "../../src/personio/employee";
import { applyScope } from "../../src/pipeline";
import { employee } from "../render/fixtures";

const ISSUE: ScopeConfig = {
  include: { status: ["active", "onboarding", "leave"] },
  exclude: { department: ["Externals"] },
};

const TWO_INCLUDES: ScopeConfig = {
  include: { status: ["active"], office: ["Berlin", "Munich"] },
  exclude: {},
};

const TWO_EXCLUDES: ScopeConfig = {
  include: {},
  exclude: { department: ["Externals"], dynamic_9: ["yes"] },
};

type Row = [string, ScopeConfig, Record<string, AttributeValue>, string];

describe("applyScope", () => {
  it.each<Row>([
    ["a value of include", ISSUE, { status: "active" }, "in"],
    ["another value of include (OR)", ISSUE, { status: "leave" }, "in"],
    ["a value differing in case", ISSUE, { status: "ACTIVE" }, "in"],
    ["a value with surrounding spaces", ISSUE, { status: "  onboarding " }, "in"],
    ["a value include does not list", ISSUE, { status: "inactive" }, "not_included status"],
    ["no include attribute", ISSUE, {}, "not_included status"],
    ["an empty include attribute", ISSUE, { status: null }, "not_included status"],
    ["a matching exclude", ISSUE, { status: "active", department: "Externals" }, "excluded department"],
    [
      "exclude in another case and spacing",
      ISSUE,
      { status: "active", department: " EXTERNALS" },
      "excluded department",
    ],
    [
      "exclude winning over a failed include",
      ISSUE,
      { status: "inactive", department: "Externals" },
      "excluded department",
    ],
    [
      "an exclude value that only contains the word",
      ISSUE,
      { status: "active", department: "Externals Ltd" },
      "in",
    ],
    ["every include attribute (AND)", TWO_INCLUDES, { status: "active", office: "munich" }, "in"],
    [
      "one include attribute of two",
      TWO_INCLUDES,
      { status: "active", office: "Paris" },
      "not_included office",
    ],
    [
      "the first include attribute failing",
      TWO_INCLUDES,
      { status: "leave", office: "Paris" },
      "not_included status",
    ],
    [
      "any exclude attribute (second)",
      TWO_EXCLUDES,
      { department: "Sales", dynamic_9: "Yes" },
      "excluded dynamic_9",
    ],
    [
      "a list value holding an exclude value",
      TWO_EXCLUDES,
      { dynamic_9: ["no", "yes"] },
      "excluded dynamic_9",
    ],
    ["a boolean matched as text", TWO_EXCLUDES, { dynamic_9: true, department: "Sales" }, "in"],
    ["no exclude attribute", TWO_EXCLUDES, {}, "in"],
  ])("%s", (_what, scope, attributes, expected) => {
    const { inScope, outOfScope } = applyScope(scope, [employee(7, { attributes })]);
    const got = outOfScope.map((o) => `${o.reason} ${o.attribute}`);
    expect(inScope.length === 1 ? ["in"] : got).toEqual([expected]);
    expect(outOfScope.every((o) => o.employeeId === "7")).toBe(true);
  });

  it("keeps everyone, as listed, when the scope is empty", () => {
    const employees = [employee(3), employee(1)];
    expect(applyScope({ include: {}, exclude: {} }, employees)).toEqual({
      inScope: employees,
      outOfScope: [],
    });
  });

  it("splits a listing in its order", () => {
    const employees = [
      employee(5, { attributes: { status: "active" } }),
      employee(2, { attributes: { status: "inactive" } }),
      employee(9, { attributes: { status: "active", department: "externals" } }),
      employee(1, { attributes: { status: "leave" } }),
    ];
    const { inScope, outOfScope } = applyScope(ISSUE, employees);
    expect(inScope.map((e) => e.id)).toEqual([5, 1]);
    expect(outOfScope).toEqual([
      { employeeId: "2", reason: "not_included", attribute: "status" },
      { employeeId: "9", reason: "excluded", attribute: "department" },
    ]);
  });
});
