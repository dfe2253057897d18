import { ConfigError, type GroupRule } from "../../src/config";
import { assignGroups, type GroupPlan } from "../../src/groups";
import type { AttributeValue } from "../../src/personio/employee";
import type { DesiredUser } from "../../src/render";
import { employee } from "../render/fixtures";

const OBJECT_ID = "0a1b2c3d-0000-4000-8000-00000000000a";

interface Person {
  readonly id: number;
  readonly enabled?: boolean;
  readonly attributes: Record<string, AttributeValue>;
}

/** A rendered user: only the id and the account state matter to groups. */
function user(id: number, enabled = true): DesiredUser {
  return {
    employeeId: String(id),
    userPrincipalName: `employee${id}@example.com`,
    displayName: `Employee ${id}`,
    givenName: "Employee",
    surname: String(id),
    mailNickname: `employee${id}`,
    accountEnabled: enabled,
  };
}

function assign(rules: readonly GroupRule[], people: readonly Person[]): GroupPlan {
  return assignGroups({
    rules,
    users: people.map((p) => user(p.id, p.enabled ?? true)),
    employees: people.map((p) => employee(p.id, { attributes: p.attributes })),
  });
}

/** Group label → member ids, the whole plan in one comparable value. */
function members(plan: GroupPlan): Record<string, string[]> {
  return Object.fromEntries(plan.groups.map((g) => [`${g.kind}:${g.label}`, [...g.members]]));
}

const sales = { attribute: "department", value: "Sales", group: "sg-sales" } as const;
const byDepartment = { attribute: "department", groupPrefix: "dept-" } as const;

describe("assignGroups", () => {
  it.each<[string, GroupRule[], Person[], Record<string, string[]>]>([
    [
      "a value rule takes the enabled users with that value",
      [sales],
      [
        { id: 1, attributes: { department: "Sales" } },
        { id: 2, attributes: { department: "Engineering" } },
        { id: 3, attributes: { department: "Sales" } },
      ],
      { "created:sg-sales": ["1", "3"] },
    ],
    [
      "a value rule compares ignoring case and spaces",
      [sales],
      [
        { id: 1, attributes: { department: " sales " } },
        { id: 2, attributes: { department: "SALES" } },
      ],
      { "created:sg-sales": ["1", "2"] },
    ],
    [
      "a leaver (disabled) belongs to no group",
      [sales, byDepartment],
      [
        { id: 1, attributes: { department: "Sales" } },
        { id: 2, enabled: false, attributes: { department: "Sales" } },
      ],
      { "created:dept-Sales": ["1"], "created:sg-sales": ["1"] },
    ],
    [
      "a value rule's group exists with no members (its last member can leave)",
      [sales],
      [{ id: 1, enabled: false, attributes: { department: "Sales" } }],
      { "created:sg-sales": [] },
    ],
    [
      "a prefix rule makes one group per value, also for values only leavers have",
      [byDepartment],
      [
        { id: 1, attributes: { department: "Sales" } },
        { id: 2, attributes: { department: "Customer Success" } },
        { id: 3, enabled: false, attributes: { department: "Finance" } },
        { id: 4, attributes: { department: null } },
        { id: 5, attributes: {} },
      ],
      { "created:dept-Customer Success": ["2"], "created:dept-Finance": [], "created:dept-Sales": ["1"] },
    ],
    [
      "list values (cost centers) put a user in every group they name",
      [{ attribute: "cost_centers", groupPrefix: "cc-" }],
      [
        { id: 1, attributes: { cost_centers: ["CC-100", "CC-200"] } },
        { id: 2, attributes: { cost_centers: ["CC-200"] } },
      ],
      { "created:cc-CC-100": ["1"], "created:cc-CC-200": ["1", "2"] },
    ],
    [
      "numbers and booleans compare as text",
      [
        { attribute: "dynamic_1", value: "42", group: "g-42" },
        { attribute: "dynamic_2", value: "true", group: "g-true" },
      ],
      [
        { id: 1, attributes: { dynamic_1: 42, dynamic_2: true } },
        { id: 2, attributes: { dynamic_1: 7, dynamic_2: false } },
      ],
      { "created:g-42": ["1"], "created:g-true": ["1"] },
    ],
    [
      "a value rule and a prefix rule naming the same group fill one group",
      [{ attribute: "department", value: "Sales", group: "dept-Sales" }, byDepartment],
      [
        { id: 1, attributes: { department: "Sales" } },
        { id: 2, attributes: { department: "Marketing" } },
      ],
      { "created:dept-Marketing": ["2"], "created:dept-Sales": ["1"] },
    ],
    [
      "two rules can fill one group (union), and existing groups come after created ones",
      [
        { attribute: "department", value: "Sales", existingGroup: "CRM Users" },
        { attribute: "office", value: "Berlin", existingGroup: "crm users" },
        { attribute: "office", value: "Berlin", existingGroupId: OBJECT_ID },
        sales,
      ],
      [
        { id: 1, attributes: { department: "Sales", office: "Munich" } },
        { id: 2, attributes: { department: "Engineering", office: "Berlin" } },
        { id: 3, attributes: { department: "Engineering", office: "Munich" } },
      ],
      { "created:sg-sales": ["1"], [`existing:${OBJECT_ID}`]: ["2"], "existing:CRM Users": ["1", "2"] },
    ],
    [
      "members are in numeric employee order",
      [sales],
      [
        { id: 10, attributes: { department: "Sales" } },
        { id: 9, attributes: { department: "Sales" } },
        { id: 100, attributes: { department: "Sales" } },
      ],
      { "created:sg-sales": ["9", "10", "100"] },
    ],
  ])("%s", (_case, rules, people, expected) => {
    expect(members(assign(rules, people))).toEqual(expected);
  });

  it("lists each user's groups, none for a leaver", () => {
    const plan = assign(
      [sales, byDepartment, { attribute: "office", value: "Berlin", existingGroupId: OBJECT_ID }],
      [
        { id: 1, attributes: { department: "Sales", office: "Berlin" } },
        { id: 2, enabled: false, attributes: { department: "Sales", office: "Berlin" } },
        { id: 3, attributes: { department: "People", office: "Munich" } },
      ],
    );
    expect(Object.fromEntries(plan.byUser)).toEqual({
      "1": [OBJECT_ID, "dept-Sales", "sg-sales"],
      "2": [],
      "3": ["dept-People"],
    });
  });

  it("records the sources and the first rule of each group", () => {
    const plan = assign(
      [
        { attribute: "department", value: "Sales", group: "sg-revenue" },
        { attribute: "department", value: "Marketing", group: "SG-Revenue" },
      ],
      [{ id: 1, attributes: { department: "Marketing" } }],
    );
    expect(plan.groups).toEqual([
      {
        kind: "created",
        label: "SG-Revenue",
        rule: 0,
        sources: ["department = Marketing", "department = Sales"],
        members: ["1"],
      },
    ]);
  });

  it("merges values that differ only in case, with a warning", () => {
    const plan = assign(
      [byDepartment],
      [
        { id: 1, attributes: { department: "sales" } },
        { id: 2, attributes: { department: "Sales" } },
      ],
    );
    expect(members(plan)).toEqual({ "created:dept-Sales": ["1", "2"] });
    expect(plan.warnings).toEqual([
      'personio-azuread:groups.0: department values "Sales", "sales" differ only in case; they share the group "dept-Sales"',
    ]);
  });

  it("makes no group for a value whose name Entra would reject, with a warning", () => {
    const plan = assign(
      [{ attribute: "position", groupPrefix: "p-" }],
      [
        { id: 1, attributes: { position: "x".repeat(255) } },
        { id: 2, attributes: { position: "Engineer" } },
      ],
    );
    expect(members(plan)).toEqual({ "created:p-Engineer": ["2"] });
    expect(plan.byUser.get("1")).toEqual([]);
    expect(plan.warnings).toEqual([
      `personio-azuread:groups.0: no group for position = "${"x".repeat(255)}": the name would be longer than 256 characters or contain control characters`,
    ]);
  });

  it("gives every user an empty list and no groups without rules", () => {
    const plan = assign([], [{ id: 1, attributes: { department: "Sales" } }]);
    expect(plan).toEqual({ groups: [], byUser: new Map([["1", []]]), warnings: [] });
  });

  it("fails when a prefix rule would create a group another rule names as existing", () => {
    const run = () =>
      assign(
        [{ attribute: "office", value: "Berlin", existingGroup: "dept-sales" }, byDepartment],
        [{ id: 1, attributes: { department: "Sales", office: "Berlin" } }],
      );
    expect(run).toThrow(
      new ConfigError(
        'Invalid value for personio-azuread:groups.0.existingGroup: "dept-sales". Allowed: a group this stack does not create (groups.1 creates "dept-Sales").',
      ),
    );
  });

  it("fails closed when Personio sent the rule's attribute for no employee", () => {
    const run = () => assign([sales], [{ id: 1, attributes: {} }]);
    expect(run).toThrow(
      new ConfigError(
        'Invalid value for personio-azuread:groups.0.attribute: "department". Allowed: an attribute Personio sends (it sent none for all 1 employees; the API credentials may not be allowed to read it).',
      ),
    );
  });
});
