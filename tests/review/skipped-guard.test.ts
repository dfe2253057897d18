import type { ChangeSet } from "../../src/review/change-set";
import { DEFAULT_GUARDS, evaluateGuards } from "../../src/review/guards";
import type { SkipLimit } from "../../src/review/skipped-guard";
import { guardOptions } from "../../src/cli/runner-args";

/** A change set with no user changes whose stack outputs list `unreadable` skipped records and one render skip. */
function withSkips(unreadable: number): ChangeSet {
  const skipped = [
    { employeeId: "900", reason: "missing attribute", attribute: "last_name" },
    ...Array.from({ length: unreadable }, (_, i) => ({
      employeeId: String(100 + i),
      reason: "unreadable record",
      attribute: "termination_date",
    })),
  ];
  return {
    users: [],
    counts: {},
    managedBefore: 40,
    stackOutputs: { skipped },
    otherChanges: [],
  } as unknown as ChangeSet;
}

function skippedLine(unreadable: number, employees: number, maxSkipped?: SkipLimit) {
  const verdict = evaluateGuards(
    { changeSet: withSkips(unreadable), employees, lastEmployees: employees },
    { ...DEFAULT_GUARDS, ...(maxSkipped === undefined ? {} : { maxSkipped }) },
  );
  return {
    refused: verdict.refusals.filter((r) => r.guard === "skipped"),
    checked: verdict.checked.filter((line) => line.startsWith("skipped")),
  };
}

describe("the skipped guard (unreadable Personio records)", () => {
  it.each([
    [2, 40, undefined, "skipped: 2 unreadable Personio records skipped, at most 5 % of 40 employees allowed"],
    [0, 40, undefined, "skipped: 0 unreadable Personio records skipped, at most 5 % of 40 employees allowed"],
    [12, 40, { count: 12 }, "skipped: 12 unreadable Personio records skipped, at most 12 allowed"],
    [
      4,
      40,
      { percent: 10 },
      "skipped: 4 unreadable Personio records skipped, at most 10 % of 40 employees allowed",
    ],
  ])("passes %i skips of %i employees at the limit %j", (unreadable, employees, limit, line) => {
    expect(skippedLine(unreadable, employees, limit)).toStrictEqual({ refused: [], checked: [line] });
  });

  it.each([
    [3, 40, undefined, "more than 5 % of 40 employees", "100, 101, 102"],
    [13, 40, { count: 12 }, "more than 12", "100, 101, 102, 103, 104, 105, 106, 107, 108, 109 and 3 more"],
    [1, 40, { count: 0 }, "more than 0", "100"],
  ])(
    "fails when %i of %i employees are skipped over the limit %j",
    (unreadable, employees, limit, rule, ids) => {
      const noun = unreadable === 1 ? "record" : "records";
      expect(skippedLine(unreadable, employees, limit)).toStrictEqual({
        refused: [
          {
            guard: "skipped",
            message: `skipped: ${unreadable} unreadable Personio ${noun} skipped (employees ${ids}), ${rule}; raise --max-skipped or fix the records`,
            override: "--max-skipped",
          },
        ],
        checked: [],
      });
    },
  );
});

describe("--max-skipped", () => {
  it.each([
    ["12", { count: 12 }],
    ["0", { count: 0 }],
    ["5%", { percent: 5 }],
    ["2.5%", { percent: 2.5 }],
    ["100%", { percent: 100 }],
  ])("reads %j as %j", (text, limit) => {
    expect(guardOptions({ "max-skipped": text }).maxSkipped).toStrictEqual(limit);
  });

  it("defaults to 5 % of the employees", () => {
    expect(guardOptions({}).maxSkipped).toBeUndefined();
    expect(skippedLine(3, 40).refused).toHaveLength(1);
  });
});
