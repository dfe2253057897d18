import { changeSetFromEvents } from "../../src/review/change-set";
import { DEFAULT_GUARDS, evaluateGuards } from "../../src/review/guards";
import { outOfScopeLine } from "../../src/review/scope-summary";
import { sumStackOutputs } from "../../src/review/sum-outputs";
import { summaryMarkdown } from "../../src/review/summary";
import { fixture } from "../runner/fixtures/load";

describe("the summary's out-of-scope line", () => {
  it.each([
    [{ employees: 0, kept: [], released: [] }, "Out of scope: 0 employees."],
    [{ employees: 1, kept: [], released: [] }, "Out of scope: 1 employee."],
    [
      { employees: 13, kept: ["6"], released: [] },
      "Out of scope: 13 employees; 1 managed account left as it is (employee 6); release with --allow-scope-release.",
    ],
    [
      { employees: 4, kept: ["9", "10"], released: ["7"] },
      "Out of scope: 4 employees; 2 managed accounts left as they are (employees 9, 10); release with " +
        "--allow-scope-release; 1 managed account released from the stack (employee 7), kept in Entra ID.",
    ],
    [
      { employees: 30, kept: [], released: Array.from({ length: 12 }, (_, i) => String(20 - i)) },
      "Out of scope: 30 employees; 12 managed accounts released from the stack (employees 9, 10, 11, 12, 13, 14, " +
        "15, 16, 17, 18 and 2 more), kept in Entra ID.",
    ],
  ])("%j", (outOfScope, line) => {
    expect(outOfScopeLine({ outOfScope })).toBe(line);
  });

  it("is absent for a stack without a scope", () => {
    expect(outOfScopeLine({})).toBeUndefined();
    expect(outOfScopeLine(undefined)).toBeUndefined();
  });

  it("follows the counts in the pull-request summary", () => {
    const changeSet = changeSetFromEvents(fixture("preview-mixed.json"));
    const withScope = {
      ...changeSet,
      stackOutputs: { ...changeSet.stackOutputs, outOfScope: { employees: 2, kept: ["6"], released: [] } },
    };
    const verdict = evaluateGuards({ changeSet: withScope, employees: 9, lastEmployees: 10 }, DEFAULT_GUARDS);
    const markdown = summaryMarkdown(withScope, verdict, { stack: "dev", showNames: false });
    expect(markdown).toContain(
      "After this run: Personio lists 9 employees (1 skipped); 8 users are managed, 7 enabled and 1 disabled.\n\n" +
        "Out of scope: 2 employees; 1 managed account left as it is (employee 6); release with --allow-scope-release.\n",
    );
  });

  it("adds up the shards' out-of-scope employees and joins their accounts", () => {
    expect(
      sumStackOutputs([
        { outOfScope: { employees: 3, kept: ["6"], released: [] } },
        { outOfScope: { employees: 2, kept: ["9"], released: ["7"] } },
      ]),
    ).toEqual({ outOfScope: { employees: 5, kept: ["6", "9"], released: ["7"] } });
    expect(sumStackOutputs([{ outOfScope: { employees: 3, kept: [], released: [] } }, {}])).toEqual({});
  });
});
