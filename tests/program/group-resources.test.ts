import { ConfigError } from "../../src/config";
import type { PlannedGroup } from "../../src/groups";
import { groupLogicalName, membershipLogicalName } from "../../src/contract";
import { objectIdsByName } from "../../src/program/existing-groups";
import { groupDescription, membershipImportId } from "../../src/program/group-resources";

const A = "0a1b2c3d-0000-4000-8000-00000000000a";
const B = "0a1b2c3d-0000-4000-8000-00000000000b";

describe("group resource names", () => {
  it.each([
    ["sg-sales", "group-sg-sales"],
    ["dept-Customer Success", "group-dept-customer success"],
    ["DEPT-Sales", "group-dept-sales"],
  ])("a created group %j is %j (case changes rename in place)", (displayName, name) => {
    expect(groupLogicalName(displayName)).toBe(name);
  });

  it("names a membership by the employee id and the group's object id, and imports it by both ids", () => {
    expect(membershipLogicalName("42", A)).toBe(`member-42-${A}`);
    expect(membershipImportId(A, "obj-1")).toBe(`${A}/member/obj-1`);
  });
});

describe("groupDescription", () => {
  it.each([
    [
      ["department = Sales"],
      "Managed by personio-azuread from Personio department = Sales; members are set by the stack",
    ],
    [
      ["department = Marketing", "department = Sales"],
      "Managed by personio-azuread from Personio department = Marketing or department = Sales; members are set by the stack",
    ],
  ])("%j → %j", (sources, description) => {
    expect(groupDescription(sources)).toBe(description);
  });

  it("fits Graph's 1,024 characters, counting the conditions left out", () => {
    const sources = Array.from({ length: 100 }, (_, i) => `dynamic_1 = value ${String(i).padStart(3, "0")}`);
    const description = groupDescription(sources);
    expect(description.length).toBeLessThanOrEqual(1024);
    expect(description).toMatch(
      /^Managed by personio-azuread from Personio dynamic_1 = value 000 or .* or dynamic_1 = value 0\d\d \(and \d+ more\); members are set by the stack$/,
    );
    const shown = description.split(" or ").length;
    expect(description).toContain(`(and ${100 - shown} more)`);
  });
});

describe("objectIdsByName", () => {
  const byName = (label: string, rule = 0): PlannedGroup => ({
    kind: "existing",
    label,
    rule,
    sources: [],
    members: [],
  });
  const listing = {
    displayNames: ["Zendesk Agents", "CRM", "crm", "Other"],
    objectIds: [A.toUpperCase(), B, "0a1b2c3d-0000-4000-8000-00000000000c", "x"],
  };

  it("resolves names ignoring case, to lower-case object ids, and skips groups referenced by id", () => {
    const zendesk = byName("zendesk agents");
    const byId: PlannedGroup = { ...byName(B), objectId: B };
    expect([...objectIdsByName([zendesk, byId], listing)]).toEqual([[zendesk, A]]);
  });

  it.each([
    [
      "CRM",
      'Invalid value for personio-azuread:groups.3.existingGroup: "CRM". Allowed: the display name of exactly one existing group (2 groups have this name; give the one meant as existingGroupId).',
    ],
    [
      "Missing",
      'Invalid value for personio-azuread:groups.3.existingGroup: "Missing". Allowed: the display name of exactly one existing group (no group has this name).',
    ],
  ])("fails on %j, naming the rule, the name and the count", (label, message) => {
    expect(() => objectIdsByName([byName(label, 3)], listing)).toThrow(new ConfigError(message));
  });
});
