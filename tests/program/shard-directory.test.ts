import type { PlannedGroup } from "../../src/groups";
import type { Employee } from "../../src/personio";
import type { DesiredDirectory } from "../../src/pipeline";
import type { Shard } from "../../src/program/shard";
import { shardDirectory } from "../../src/program/shard-directory";
import type { DesiredUser } from "../../src/render";

function user(employeeId: string, extra: Partial<DesiredUser> = {}): DesiredUser {
  return {
    employeeId,
    userPrincipalName: `u${employeeId}@contoso.com`,
    displayName: `U ${employeeId}`,
    givenName: "U",
    surname: employeeId,
    accountEnabled: true,
    ...extra,
  };
}

const CREATED: PlannedGroup = {
  kind: "created",
  label: "dept-a",
  rule: 0,
  sources: ["department = A"],
  members: ["1", "2", "3", "4"],
};
const EXISTING: PlannedGroup = {
  kind: "existing",
  label: "Zendesk Agents",
  rule: 1,
  sources: ["department = A"],
  members: ["1", "2", "3"],
};

/** Employees 1–5 (1 and 2 adopted; 3 reports to 2, 5 to 4), 6 unreadable, 7 skipped by the render. */
const DIRECTORY: DesiredDirectory = {
  employees: [1, 2, 3, 4, 5, 7].map((id) => ({ id }) as Employee),
  skippedRecords: [{ employeeId: 6, field: "dynamic_1" }],
  outOfScope: [],
  result: {
    users: [
      user("1", { adoptedObjectId: "obj-1" }),
      user("2", { adoptedObjectId: "obj-2" }),
      user("3", { managerEmployeeId: "2" }),
      user("4"),
      user("5", { managerEmployeeId: "4" }),
    ],
    skipped: [{ employeeId: "7", reason: "not_yet_due" }],
    warnings: [{ employeeId: "3", property: "mail", message: "m" }],
    events: [],
    rehires: [],
  },
  groups: { groups: [CREATED, EXISTING], byUser: new Map(), warnings: ["a group warning"] },
};

/** Shard `index` of 2: odd employee ids in shard 1, even ones in shard 0. */
const half = (index: number): Shard => ({ index, shards: 2, has: (id) => Number(id) % 2 === index });

describe("shardDirectory", () => {
  it.each([
    [
      "unsharded: everything",
      undefined,
      {
        users: [["1"], ["2"], ["3", "2", undefined], ["4"], ["5", "4", undefined]],
        employees: 7,
        skippedRecords: [6],
        managersPending: 0,
        groups: [
          ["dept-a", ["1", "2", "3", "4"]],
          ["Zendesk Agents", ["1", "2", "3"]],
        ],
        groupWarnings: ["a group warning"],
        adopted: [
          ["1", "obj-1"],
          ["2", "obj-2"],
        ],
        skipped: ["7"],
        warnings: ["3"],
      },
    ],
    [
      "shard 0 owns the created groups: all their members, adopted ones by object id",
      half(0),
      {
        users: [["2"], ["4"]],
        employees: 3,
        skippedRecords: [6],
        managersPending: 0,
        groups: [
          ["dept-a", ["1", "2", "3", "4"]],
          ["Zendesk Agents", ["2"]],
        ],
        groupWarnings: ["a group warning"],
        adopted: [
          ["1", "obj-1"],
          ["2", "obj-2"],
        ],
        skipped: [],
        warnings: [],
      },
    ],
    [
      "shard 1: its own members of existing groups, managers elsewhere linked or pending",
      half(1),
      {
        users: [["1"], ["3", "2", "obj-2"], ["5"]],
        employees: 4,
        skippedRecords: [],
        managersPending: 1,
        groups: [["Zendesk Agents", ["1", "3"]]],
        groupWarnings: [],
        adopted: [["1", "obj-1"]],
        skipped: ["7"],
        warnings: ["3"],
      },
    ],
  ])("keeps only the run's part: %s", (_case, shard, expected) => {
    const part = shardDirectory(DIRECTORY, shard);
    expect({
      users: part.result.users.map((u) =>
        u.managerEmployeeId === undefined && u.managerObjectId === undefined
          ? [u.employeeId]
          : [u.employeeId, u.managerEmployeeId, u.managerObjectId],
      ),
      employees: part.employees,
      skippedRecords: part.skippedRecords.map((r) => r.employeeId),
      managersPending: part.managersPending,
      groups: part.groups.map((g) => [g.label, g.members]),
      groupWarnings: part.groupWarnings,
      adopted: [...part.adopted],
      skipped: part.result.skipped.map((s) => s.employeeId),
      warnings: part.result.warnings.map((w) => w.employeeId),
    }).toEqual(expected);
  });

  it("keeps an existing group with none of the shard's members: it still counts among the stack's groups", () => {
    const part = shardDirectory(
      { ...DIRECTORY, groups: { ...DIRECTORY.groups, groups: [{ ...EXISTING, members: ["2"] }] } },
      half(1),
    );
    expect(part.groups).toEqual([{ ...EXISTING, members: [] }]);
  });
});
