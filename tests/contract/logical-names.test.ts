import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  employeeLogicalName,
  groupLogicalName,
  logicalNameOf,
  membershipLogicalName,
  parseEmployeeLogicalName,
  parseGroupLogicalName,
  parseMembershipLogicalName,
} from "../../src/contract";

const employeeId = fc.stringMatching(/^[1-9]\d{0,9}$/);
const objectId = fc.oneof(fc.uuid(), fc.string({ minLength: 1 }));

describe("logical names", () => {
  it("round-trips an employee's account name", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        expect(parseEmployeeLogicalName(employeeLogicalName(id))).toBe(id);
      }),
    );
  });

  it("round-trips a membership name, even when the group's object id holds dashes and digits", () => {
    fc.assert(
      fc.property(employeeId, objectId, (id, group) => {
        expect(parseMembershipLogicalName(membershipLogicalName(id, group))).toStrictEqual({
          employeeId: id,
          groupObjectId: group,
        });
      }),
    );
  });

  it("round-trips a group name to its lower-cased display name", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (name) => {
        expect(parseGroupLogicalName(groupLogicalName(name))).toBe(name.toLowerCase());
      }),
    );
  });

  it.each([
    ["employee-42", "42", undefined, undefined],
    ["member-7-0f1e", undefined, { employeeId: "7", groupObjectId: "0f1e" }, undefined],
    ["group-dept-sales", undefined, undefined, "dept-sales"],
    ["employee-", undefined, undefined, undefined],
    ["member-x-0f1e", undefined, undefined, undefined],
    ["personio", undefined, undefined, undefined],
  ])("parses %s by kind", (name, employee, member, group) => {
    expect(parseEmployeeLogicalName(name)).toBe(employee);
    expect(parseMembershipLogicalName(name)).toStrictEqual(member);
    expect(parseGroupLogicalName(name)).toBe(group);
  });

  it("reads the logical name from a URN", () => {
    expect(
      logicalNameOf(
        "urn:pulumi:prod::personio-azuread::personio-azuread:index:Directory$azuread:index/user:User::employee-42",
      ),
    ).toBe("employee-42");
  });
});

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("the contract is the only place the names and tokens are spelled", () => {
  const files = sources(join(__dirname, "../../src")).filter((f) => !f.includes("/src/contract/"));

  it.each([
    ["the program builds names with the contract's builders", "program/directory.ts", "employeeLogicalName"],
    [
      "the program builds group names with the contract's builders",
      "program/groups.ts",
      "membershipLogicalName",
    ],
    [
      "the review parses account names with the contract's parser",
      "review/change-set.ts",
      "parseEmployeeLogicalName",
    ],
    [
      "the review parses memberships with the contract's parser",
      "review/memberships.ts",
      "parseMembershipLogicalName",
    ],
  ])("%s", (_case, file, name) => {
    const text = readFileSync(join(__dirname, "../../src", file), "utf8");
    expect(text).toMatch(new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from "\\.\\./contract"`));
  });

  it("no other source file spells a logical-name prefix or a type token", () => {
    const offenders = files.filter((file) =>
      /`(employee|member|group)-\$\{|\/\^(employee|member|group)-|\/::(employee|member|group)-|"(azuread:index\/(user:User|group:Group|groupMember:GroupMember)|personio-azuread:index:\w+)"/.test(
        readFileSync(file, "utf8"),
      ),
    );
    expect(offenders).toStrictEqual([]);
  });
});

describe("logical names are resource identity", () => {
  it("stay what live stacks already hold, unless a rename ships with aliases", () => {
    // Renaming compiles with one edit in src/contract/logical-names.ts, but on a live stack every URN changes:
    // Pulumi sees each account deleted (retained in the tenant, dropped from state) and a new one to create
    // under the same UPN. Ship a rename only with `aliases: [{ name: <old name> }]` on every resource, then
    // update this test and the recorded engine events under tests/runner/fixtures.
    expect([
      employeeLogicalName("42"),
      membershipLogicalName("7", "0f1e"),
      groupLogicalName("dept-Sales"),
    ]).toStrictEqual(["employee-42", "member-7-0f1e", "group-dept-sales"]);
  });
});
