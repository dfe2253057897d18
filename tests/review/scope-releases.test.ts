import type { OpType } from "@pulumi/pulumi/automation";
import type { ChangeSet, UserChange } from "../../src/review/change-set";
import { DEFAULT_GUARDS, evaluateGuards } from "../../src/review/guards";

function user(employeeId: string, op: OpType, retained = op === "delete"): UserChange {
  return {
    employeeId,
    userPrincipalName: `u${employeeId}@contoso.com`,
    op,
    fields: [],
    disables: false,
    enables: false,
    adoption: false,
    retained,
  };
}

/** Five managed users unchanged, plus `extra`; the program's output lists `released` as scope releases. */
function changeSet(extra: readonly UserChange[], released: string[]): ChangeSet {
  const users = [...["1", "2", "3", "4", "5"].map((id) => user(id, "same")), ...extra];
  return {
    users,
    counts: {},
    managedBefore: users.length,
    stackOutputs: { outOfScope: { employees: 3, kept: [], released } },
    otherChanges: [],
  };
}

const deletesLine = (set: ChangeSet, allowScopeRelease: boolean, allowDeletes = false) => {
  const v = evaluateGuards(
    { changeSet: set, employees: 10, lastEmployees: 10 },
    { ...DEFAULT_GUARDS, allowScopeRelease, allowDeletes },
  );
  return [...v.checked, ...v.refusals.map((r) => r.message)].find((line) => line.startsWith("deletes:"));
};

describe("the deletes guard and scope releases", () => {
  it.each<[string, readonly UserChange[], string[], boolean, string]>([
    [
      "a release the program reports, with --allow-scope-release",
      [user("7", "delete")],
      ["7"],
      true,
      "deletes: no user deletes or replaces; 1 out-of-scope account released, allowed by --allow-scope-release",
    ],
    [
      "two releases",
      [user("7", "delete"), user("9", "delete")],
      ["7", "9"],
      true,
      "deletes: no user deletes or replaces; 2 out-of-scope accounts released, allowed by --allow-scope-release",
    ],
    [
      "the same release without the flag",
      [user("7", "delete")],
      ["7"],
      false,
      "deletes: 1 user delete/replace (employee 7) — this project never deletes accounts; override with --allow-deletes",
    ],
    [
      "a release the program does not report as out of scope",
      [user("8", "delete")],
      ["7"],
      true,
      "deletes: 1 user delete/replace (employee 8) — this project never deletes accounts; override with --allow-deletes",
    ],
    [
      "a delete that would not leave the account (not retained)",
      [user("7", "delete", false)],
      ["7"],
      true,
      "deletes: 1 user delete/replace (employee 7) — this project never deletes accounts; override with --allow-deletes",
    ],
    [
      "a replace of a reported employee",
      [user("7", "replace")],
      ["7"],
      true,
      "deletes: 1 user delete/replace (employee 7) — this project never deletes accounts; override with --allow-deletes",
    ],
  ])("%s", (_what, extra, released, allow, line) => {
    expect(deletesLine(changeSet(extra, released), allow)).toBe(line);
  });

  it("says both when --allow-deletes lets other deletes through", () => {
    const set = changeSet([user("7", "delete"), user("8", "delete")], ["7"]);
    expect(deletesLine(set, true, true)).toBe(
      "deletes: 1 user delete/replace (employee 8), allowed by --allow-deletes; 1 out-of-scope account released, " +
        "allowed by --allow-scope-release",
    );
  });
});
