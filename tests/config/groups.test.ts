import { ConfigError, parseStackConfig } from "../../src/config";

const base = {
  personio: { clientId: "abc123" },
  loginSchema: {
    beginning: { attribute: "first_name" },
    end: { attribute: "last_name" },
    domain: "contoso.com",
  },
};
const ID = "0A1B2C3D-0000-4000-8000-00000000000A";

function failure(groups: unknown): string {
  try {
    parseStackConfig({ ...base, groups });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("personio-azuread:groups", () => {
  it("reads value rules for each kind of target and prefix rules", () => {
    const config = parseStackConfig({
      ...base,
      groups: [
        { attribute: "department", value: "Sales", group: "sg-sales" },
        { attribute: "department", value: " Customer Success ", existingGroup: "Zendesk Agents" },
        { attribute: "dynamic_31001", value: 42, existingGroupId: ID },
        { attribute: "department", groupPrefix: "dept-" },
      ],
    });
    expect(config.groups).toEqual([
      { attribute: "department", value: "Sales", group: "sg-sales" },
      { attribute: "department", value: "Customer Success", existingGroup: "Zendesk Agents" },
      { attribute: "dynamic_31001", value: "42", existingGroupId: ID.toLowerCase() },
      { attribute: "department", groupPrefix: "dept-" },
    ]);
  });

  it("defaults to no rules", () => {
    expect(parseStackConfig(base).groups).toEqual([]);
  });

  it.each([
    [
      "an unknown attribute",
      [{ attribute: "departmnet", value: "Sales", group: "sg-sales" }],
      'Invalid value for personio-azuread:groups.0.attribute: "departmnet". Allowed: a Personio attribute key: a standard key such as department, or dynamic_<n>.',
    ],
    [
      "a rule with both a value and a prefix",
      [{ attribute: "department", value: "Sales", group: "sg-sales", groupPrefix: "dept-" }],
      "Invalid rule in personio-azuread:groups.0: { attribute, value, group, groupPrefix }. Allowed: { attribute, value, group | existingGroup | existingGroupId } (one target) or { attribute, groupPrefix }.",
    ],
    [
      "a value rule with two targets",
      [{ attribute: "department", value: "Sales", group: "sg-sales", existingGroup: "Sales" }],
      "Invalid rule in personio-azuread:groups.0: { attribute, value, group, existingGroup }. Allowed: { attribute, value, group | existingGroup | existingGroupId } (one target) or { attribute, groupPrefix }.",
    ],
    [
      "a value without a group",
      [{ attribute: "department", value: "Sales" }],
      "Invalid rule in personio-azuread:groups.0: { attribute, value }. Allowed: { attribute, value, group | existingGroup | existingGroupId } (one target) or { attribute, groupPrefix }.",
    ],
    [
      "an empty prefix",
      [{ attribute: "department", groupPrefix: "" }],
      'Invalid value for personio-azuread:groups.0.groupPrefix: "". Allowed: a group name prefix such as "dept-": 1 to 255 characters, no control characters, no leading spaces.',
    ],
    [
      "an empty value",
      [{ attribute: "department", value: "  ", group: "sg" }],
      'Invalid value for personio-azuread:groups.0.value: "  ". Allowed: a Personio attribute value (text, number or true/false), not empty.',
    ],
    [
      "a group name with a line break",
      [{ attribute: "department", value: "Sales", group: "sg\nsales" }],
      'Invalid value for personio-azuread:groups.0.group: "sg\\nsales". Allowed: a group display name: 1 to 256 characters, no control characters, no leading or trailing spaces.',
    ],
    [
      "a group name with a trailing space",
      [{ attribute: "department", value: "Sales", group: "sg-sales " }],
      'Invalid value for personio-azuread:groups.0.group: "sg-sales ". Allowed: a group display name: 1 to 256 characters, no control characters, no leading or trailing spaces.',
    ],
    [
      "a group name longer than Entra allows",
      [{ attribute: "department", value: "Sales", existingGroup: "g".repeat(257) }],
      /^Invalid value for personio-azuread:groups\.0\.existingGroup: "g{76}\.\.\.\. Allowed: a group display name: 1 to 256 characters/,
    ],
    [
      "an object id that is not a GUID",
      [{ attribute: "department", value: "Sales", existingGroupId: "sg-sales" }],
      'Invalid value for personio-azuread:groups.0.existingGroupId: "sg-sales". Allowed: a group object id (a GUID such as 00000000-0000-0000-0000-000000000000).',
    ],
    [
      "a rule given twice (names and values ignoring case)",
      [
        { attribute: "department", groupPrefix: "dept-" },
        { attribute: "department", value: "Sales", group: "sg-sales" },
        { attribute: "department", value: "SALES", group: "SG-Sales" },
      ],
      'Duplicate rule in personio-azuread:groups.2: {"attribute":"department","value":"SALES","group":"SG-Sales"}. Allowed: each rule once (this one repeats groups.1).',
    ],
    [
      "a name both created and referenced as existing",
      [
        { attribute: "department", value: "Sales", group: "sg-sales" },
        { attribute: "office", value: "Berlin", existingGroup: "SG-Sales" },
      ],
      'Invalid value for personio-azuread:groups.1.existingGroup: "SG-Sales". Allowed: a group this stack does not create (groups.0 creates a group of this name).',
    ],
    [
      "an unknown key in a rule",
      [{ attribute: "department", value: "Sales", group: "sg-sales", owner: "me" }],
      "Unknown key in personio-azuread:groups.0: owner. Allowed: { attribute, value, group | existingGroup | existingGroupId } (one target) or { attribute, groupPrefix }.",
    ],
    [
      "rules that are not a list",
      { attribute: "department", groupPrefix: "dept-" },
      'Invalid value for personio-azuread:groups: {"attribute":"department","groupPrefix":"dept-"}. Allowed: a list of rules: { attribute, value, group | existingGroup | existingGroupId } (one target) or { attribute, groupPrefix }.',
    ],
  ])("fails on %s", (_case, groups, message) => {
    const text = failure(groups);
    if (typeof message === "string") expect(text).toBe(message);
    else expect(text).toMatch(message);
  });
});
