import fc from "fast-check";
import {
  employeeTargets,
  logicalNameOf,
  membershipLogicalName,
  membershipUrnPattern,
  parseEmployeeLogicalName,
  parseMembershipLogicalName,
  stackUrn,
  userUrn,
} from "../../src/contract";

const PROD = { stack: "prod", project: "personio-azuread" };
const PREFIX = "urn:pulumi:prod::personio-azuread::";

/** The engine's `--target` glob: `**` any text, `*` any text without `:` (pulumi pkg/resource/deploy). */
function matches(glob: string, urn: string): boolean {
  const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const source = glob
    .split("**")
    .map((part) => part.split("*").map(quote).join("[^:]*"))
    .join(".*");
  return new RegExp(`^${source}$`).test(urn);
}

describe("URNs for engine targets", () => {
  it.each([
    [stackUrn(PROD), `${PREFIX}pulumi:pulumi:Stack::personio-azuread-prod`],
    [userUrn(PROD, "812"), `${PREFIX}personio-azuread:index:Directory$azuread:index/user:User::employee-812`],
    [
      membershipUrnPattern(PROD, "812"),
      `${PREFIX}personio-azuread:index:Groups$azuread:index/groupMember:GroupMember::member-812-*`,
    ],
    [
      stackUrn({ stack: "acme/personio-azuread/prod", project: "personio-azuread" }),
      `${PREFIX}pulumi:pulumi:Stack::personio-azuread-prod`,
    ],
    [
      userUrn({ stack: "acme/personio-azuread/prod", project: "personio-azuread" }, "7"),
      `${PREFIX}personio-azuread:index:Directory$azuread:index/user:User::employee-7`,
    ],
  ])("builds %s", (built, expected) => {
    expect(built).toBe(expected);
  });

  it("targets the stack, then each employee's account and memberships, in the order given", () => {
    expect(employeeTargets(PROD, ["812", "913"])).toEqual([
      stackUrn(PROD),
      userUrn(PROD, "812"),
      membershipUrnPattern(PROD, "812"),
      userUrn(PROD, "913"),
      membershipUrnPattern(PROD, "913"),
    ]);
  });

  it("parses back the employee id of a user URN", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,9}$/), (id) => {
        expect(parseEmployeeLogicalName(logicalNameOf(userUrn(PROD, id)))).toBe(id);
      }),
    );
  });

  it("matches every membership of the employee and none of another whose id shares its digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,5}$/), fc.uuid(), (id, group) => {
        const urn = `${PREFIX}personio-azuread:index:Groups$azuread:index/groupMember:GroupMember::${membershipLogicalName(id, group)}`;
        expect(parseMembershipLogicalName(logicalNameOf(urn))).toEqual({
          employeeId: id,
          groupObjectId: group,
        });
        expect(matches(membershipUrnPattern(PROD, id), urn)).toBe(true);
        expect(matches(membershipUrnPattern(PROD, `${id}1`), urn)).toBe(false);
        if (id.length > 1) expect(matches(membershipUrnPattern(PROD, id.slice(0, -1)), urn)).toBe(false);
      }),
    );
  });
});
