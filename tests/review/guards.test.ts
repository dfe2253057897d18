import type { OpType } from "@pulumi/pulumi/automation";
import { type ChangeSet, changeSetFromEvents, type UserChange } from "../../src/review/change-set";
import { DEFAULT_GUARDS, evaluateGuards, type GuardOptions } from "../../src/review/guards";
import { fixture } from "../runner/fixtures/load";

function user(employeeId: number, op: OpType, disables = false): UserChange {
  return {
    employeeId: String(employeeId),
    userPrincipalName: `u${employeeId}@contoso.com`,
    op,
    fields: disables ? [{ field: "accountEnabled", old: true, new: false }] : [],
    disables,
    enables: false,
    adoption: false,
    retained: op === "delete",
  };
}

/** A change set with `managed` users already in the stack, the first `disables` of them disabled. */
function changeSet(managed: number, disables = 0, extra: readonly UserChange[] = []): ChangeSet {
  const users = [
    ...Array.from({ length: managed }, (_, i) => user(i + 1, i < disables ? "update" : "same", i < disables)),
    ...extra,
  ];
  const counts: Partial<Record<OpType, number>> = {};
  for (const u of users) counts[u.op] = (counts[u.op] ?? 0) + 1;
  return {
    users,
    counts,
    managedBefore: users.filter((u) => u.op !== "create" && u.op !== "import").length,
    stackOutputs: undefined,
    otherChanges: [],
  };
}

function verdict(
  set: ChangeSet,
  employees: number | undefined,
  lastEmployees: number | undefined,
  options: Partial<GuardOptions> = {},
) {
  return evaluateGuards({ changeSet: set, employees, lastEmployees }, { ...DEFAULT_GUARDS, ...options });
}

const guardsOf = (v: ReturnType<typeof verdict>) => v.refusals.map((r) => r.guard);

describe("evaluateGuards", () => {
  it("passes a routine run and says what it checked", () => {
    expect(verdict(changeSet(58, 2), 60, 61)).toStrictEqual({
      ok: true,
      refusals: [],
      checked: [
        "deletes: no user deletes or replaces",
        "disables: 2, at most 12 allowed (max(5, 20 % of 58 managed))",
        "skipped: 0 unreadable Personio records skipped, at most 5 % of 60 employees allowed",
        "empty: Personio lists 60 employees",
        "shrink: Personio lists 60 employees, at least 55 needed (90 % of the last successful run's 61)",
      ],
    });
  });

  describe("deletes", () => {
    it("fails when users would be deleted or replaced, naming them and the flag", () => {
      const set = changeSet(5, 0, [user(7, "delete"), user(12, "replace"), user(40, "import-replacement")]);
      expect(verdict(set, 10, 10).refusals).toStrictEqual([
        {
          guard: "deletes",
          message:
            "deletes: 3 user deletes/replaces (employees 7, 12, 40) — this project never deletes accounts; " +
            "override with --allow-deletes",
          override: "--allow-deletes",
        },
      ]);
    });

    it.each<[string, readonly UserChange[], boolean]>([
      ["no delete (just under)", [], true],
      ["one delete (just over: any delete refuses)", [user(7, "delete")], false],
      ["one replace", [user(7, "replace")], false],
    ])("%s", (_, extra, ok) => {
      expect(verdict(changeSet(5, 0, extra), 10, 10).ok).toBe(ok);
    });

    it("names at most ten employees and counts the rest", () => {
      const deletes = Array.from({ length: 25 }, (_, i) => user(100 + i, "delete"));
      expect(verdict(changeSet(0, 0, deletes), 10, 10).refusals[0]?.message).toBe(
        "deletes: 25 user deletes/replaces (employees 100, 101, 102, 103, 104, 105, 106, 107, 108, 109 " +
          "and 15 more) — this project never deletes accounts; override with --allow-deletes",
      );
    });

    it("lets deletes through for one run with --allow-deletes, and says so", () => {
      const v = verdict(changeSet(5, 0, [user(7, "delete")]), 10, 10, { allowDeletes: true });
      expect(v.ok).toBe(true);
      expect(v.checked[0]).toBe("deletes: 1 user delete/replace (employee 7), allowed by --allow-deletes");
    });
  });

  describe("disables: at the threshold passes, one over refuses", () => {
    it.each([
      // managed, disables, threshold, ok
      [58, 11, 12, true],
      [58, 12, 12, true],
      [58, 13, 12, false],
      [0, 0, 5, true],
      [10, 4, 5, true],
      [10, 5, 5, true],
      [10, 6, 5, false],
      [25, 5, 5, true],
      [25, 6, 5, false],
      [26, 6, 6, true], // 5.2 rounds up to 6
      [26, 7, 6, false],
      [55, 11, 11, true], // 0.2 × 55 is 11.000000000000002 in floating point: still 11
      [55, 12, 11, false],
      [1000, 200, 200, true],
      [1000, 201, 200, false],
    ])("%i managed, %i disables: threshold %i, ok %s", (managed, disables, threshold, ok) => {
      const v = verdict(changeSet(managed, disables), 1000, 1000);
      expect(v.ok).toBe(ok);
      const rule = `max(5, 20 % of ${managed} managed)`;
      if (ok) {
        expect(v.checked).toContain(`disables: ${disables}, at most ${threshold} allowed (${rule})`);
      } else {
        expect(v.refusals).toStrictEqual([
          {
            guard: "disables",
            message: `disables: ${disables} accounts would be disabled, more than the threshold ${threshold} (${rule}); override with --allow-mass-disable`,
            override: "--allow-mass-disable",
          },
        ]);
      }
    });

    it("fails with the numbers of the rule when 14 of 58 managed accounts would be disabled", () => {
      expect(verdict(changeSet(58, 14), 58, 58).refusals[0]?.message).toBe(
        "disables: 14 accounts would be disabled, more than the threshold 12 (max(5, 20 % of 58 managed)); " +
          "override with --allow-mass-disable",
      );
    });

    it.each([
      [3, 2, true],
      [3, 3, true],
      [3, 4, false],
      [0, 0, true],
      [0, 1, false],
    ])("--max-disables %i with %i disables: ok %s", (maxDisables, disables, ok) => {
      const v = verdict(changeSet(100, disables), 100, 100, { maxDisables });
      expect(v.ok).toBe(ok);
      if (!ok) {
        expect(v.refusals[0]?.message).toBe(
          `disables: ${disables} account${disables === 1 ? "" : "s"} would be disabled, more than the threshold ` +
            `${maxDisables} (set by --max-disables); override with --allow-mass-disable`,
        );
      }
    });

    it("lets a mass disable through for one run with --allow-mass-disable, and says so", () => {
      const v = verdict(changeSet(58, 14), 58, 58, { allowMassDisable: true });
      expect(v.ok).toBe(true);
      expect(v.checked).toContain(
        "disables: 14 accounts would be disabled, more than 12 (max(5, 20 % of 58 managed)), allowed by --allow-mass-disable",
      );
    });
  });

  describe("empty", () => {
    it.each([
      [0, false],
      [1, true],
    ])("Personio listing %i employees: ok %s", (employees, ok) => {
      expect(guardsOf(verdict(changeSet(0), employees, undefined))).toStrictEqual(ok ? [] : ["empty"]);
    });

    it("fails when Personio lists no employees, saying how many users are managed", () => {
      expect(verdict(changeSet(3), 0, undefined).refusals).toStrictEqual([
        {
          guard: "empty",
          message: "empty: Personio lists 0 employees while 3 users are managed; override with --allow-empty",
          override: "--allow-empty",
        },
      ]);
    });

    it("lets an empty Personio through with --allow-empty", () => {
      const v = verdict(changeSet(0), 0, undefined, { allowEmptyPersonio: true });
      expect(v.ok).toBe(true);
      expect(v.checked).toContain(
        "empty: Personio lists 0 employees while 0 users are managed, allowed by --allow-empty",
      );
    });
  });

  describe("shrink: at the share passes, one below refuses", () => {
    it.each([
      // employees, last, share, ok
      [89, 100, 0.9, false],
      [90, 100, 0.9, true],
      [91, 100, 0.9, true],
      [62, 70, 0.9, false],
      [63, 70, 0.9, true], // 0.9 × 70 is 63.00000000000001 in floating point: 63 passes
      [52, 58, 0.9, false], // 52.2: 53 needed
      [53, 58, 0.9, true],
      [9, 10, 1, false],
      [10, 10, 1, true],
      [1, 10, 0, true],
      [150, 100, 0.9, true],
    ])("%i employees after %i at share %s: ok %s", (employees, last, share, ok) => {
      const v = verdict(changeSet(0), employees, last, { minEmployeeShare: share });
      expect(guardsOf(v)).toStrictEqual(ok ? [] : ["shrink"]);
    });

    it("fails with both counts and the share when Personio lists 80 after 100", () => {
      expect(verdict(changeSet(0), 80, 100).refusals).toStrictEqual([
        {
          guard: "shrink",
          message:
            "shrink: Personio lists 80 employees, fewer than 90 % of the last successful run's 100 " +
            "(at least 90 needed); override with --allow-shrink",
          override: "--allow-shrink",
        },
      ]);
    });

    it.each([undefined, 0])("does not compare when the last successful run had %s employees", (last) => {
      const v = verdict(changeSet(0), 5, last);
      expect(v.ok).toBe(true);
      expect(v.checked).toContain("shrink: no earlier successful run with employees to compare with");
    });

    it("lets a shrink through with --allow-shrink", () => {
      const v = verdict(changeSet(0), 80, 100, { allowShrink: true, minEmployeeShare: 0.925 });
      expect(v.ok).toBe(true);
      expect(v.checked).toContain(
        "shrink: Personio lists 80 employees, fewer than 92.5 % of the last successful run's 100 " +
          "(at least 93 needed), allowed by --allow-shrink",
      );
    });
  });

  describe("unknown employees (no stack outputs in the preview)", () => {
    it.each<[Partial<GuardOptions>, boolean]>([
      [{}, false],
      [{ allowEmptyPersonio: true }, false],
      [{ allowShrink: true }, false],
      [{ allowEmptyPersonio: true, allowShrink: true }, true],
    ])("with %o: ok %s", (options, ok) => {
      const v = verdict(changeSet(10), undefined, 10, options);
      expect(guardsOf(v)).toStrictEqual(ok ? [] : ["unknown-employees"]);
    });

    it("fails closed, naming both flags it stands in for", () => {
      expect(verdict(changeSet(10), undefined, 10).refusals).toStrictEqual([
        {
          guard: "unknown-employees",
          message:
            "unknown-employees: the preview carries no employee count (stack output counts.employees), so the " +
            "empty and shrink guards cannot be checked; override with --allow-empty --allow-shrink",
          override: "--allow-empty --allow-shrink",
        },
      ]);
    });
  });

  it("refuses an empty Personio answer three times over: deletes, empty and shrink", () => {
    const set = changeSetFromEvents(fixture("preview-empty-personio.json"));
    const v = verdict(set, 0, 3);
    expect(v.ok).toBe(false);
    expect(v.refusals.map((r) => r.override)).toStrictEqual([
      "--allow-deletes",
      "--allow-empty",
      "--allow-shrink",
    ]);
    expect(v.refusals[0]?.message).toBe(
      "deletes: 3 user deletes/replaces (employees 201, 202, 203) — this project never deletes accounts; " +
        "override with --allow-deletes",
    );
  });

  it("counts an adopted leaver as a disable", () => {
    const set = changeSetFromEvents(fixture("preview-initial-sync.json"));
    expect(verdict(set, 5, undefined).checked).toContain(
      "disables: 1, at most 5 allowed (max(5, 20 % of 0 managed))",
    );
  });

  it.each([
    [
      { minEmployeeShare: 1.5 },
      "Invalid value for minEmployeeShare: 1.5. Allowed values are: a number from 0 to 1.",
    ],
    [
      { minEmployeeShare: Number.NaN },
      "Invalid value for minEmployeeShare: NaN. Allowed values are: a number from 0 to 1.",
    ],
    [{ maxDisables: -1 }, "Invalid value for maxDisables: -1. Allowed values are: a whole number >= 0."],
    [{ maxDisables: 2.5 }, "Invalid value for maxDisables: 2.5. Allowed values are: a whole number >= 0."],
  ])("fails on invalid options %o", (options, message) => {
    expect(() => verdict(changeSet(1), 1, 1, options)).toThrow(new RangeError(message));
  });
});

describe("the leaves guard (group memberships)", () => {
  /** A change set with `leaves` memberships ending and `after` memberships managed after the run. */
  function withLeaves(leaves: number, after: number, joins = 0) {
    const memberships = [
      ...Array.from({ length: leaves }, (_, i) => ({
        employeeId: String(i + 1),
        memberObjectId: undefined,
        group: "sg-sales",
        change: "leave" as const,
      })),
      ...Array.from({ length: joins }, (_, i) => ({
        employeeId: String(1000 + i),
        memberObjectId: undefined,
        group: "sg-sales",
        change: "join" as const,
      })),
    ];
    return {
      users: [],
      counts: {},
      managedBefore: 100,
      stackOutputs: { groups: { groups: 1, created: 0, existing: 1, memberships: after } },
      otherChanges: [],
      memberships,
    };
  }
  const verdict = (leaves: number, after: number, allowMassLeave = false, joins = 0) =>
    evaluateGuards(
      { changeSet: withLeaves(leaves, after, joins), employees: 100, lastEmployees: 100 },
      { ...DEFAULT_GUARDS, allowMassLeave },
    );

  it.each([
    // 100 memberships before: threshold max(5, 20) = 20
    [19, 81, true],
    [20, 80, true],
    [21, 79, false],
    // 10 before: threshold max(5, 2) = 5
    [4, 6, true],
    [5, 5, true],
    [6, 4, false],
  ])("%i leaves with %i memberships after → passes: %s", (leaves, after, passes) => {
    const result = verdict(leaves, after);
    expect(result.refusals.some((r) => r.guard === "leaves")).toBe(!passes);
  });

  it("names the numbers and the override", () => {
    expect(verdict(21, 79).refusals).toEqual([
      {
        guard: "leaves",
        message:
          "leaves: 21 group memberships would end, more than the threshold 20 (max(5, 20 % of 100 managed memberships)); override with --allow-mass-leave",
        override: "--allow-mass-leave",
      },
    ]);
  });

  it("counts joins of the same run out of the memberships before", () => {
    // after 100 = before 90 - 20 leaves + 30 joins → threshold max(5, 18) = 18: 20 leaves refuse
    expect(verdict(20, 100, false, 30).refusals.map((r) => r.guard)).toEqual(["leaves"]);
  });

  it("lets a mass leave through for one run with --allow-mass-leave", () => {
    const result = verdict(50, 50, true);
    expect(result.ok).toBe(true);
    expect(result.checked).toContain(
      "leaves: 50 group memberships would end, more than 20 (max(5, 20 % of 100 managed memberships)), allowed by --allow-mass-leave",
    );
  });

  it("is not checked when the stack has no group rules", () => {
    const changeSet = { ...withLeaves(0, 0), memberships: undefined };
    const result = evaluateGuards({ changeSet, employees: 100, lastEmployees: 100 }, DEFAULT_GUARDS);
    expect(result.checked.some((line) => line.startsWith("leaves"))).toBe(false);
  });
});
