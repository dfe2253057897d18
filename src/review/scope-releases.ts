import type { ChangeSet } from "./change-set";

/**
 * With `--allow-scope-release` (`allowed`): the employees whose account the program released because they left
 * `personio-azuread:scope` (its `outOfScope.released` output) and whose step is a plain release — a `delete` that
 * leaves the account in Entra ID. Any other delete stays a delete for the guard; without the flag, none is exempt.
 * @example outOfScope.released ["7"], employee 7 `delete` retained → {"7"}; employee 7 `replace` → {}
 */
export function scopeReleases(changeSet: ChangeSet, allowed: boolean): Set<string> {
  if (!allowed) return new Set();
  const listed = new Set(changeSet.stackOutputs?.outOfScope?.released ?? []);
  return new Set(
    changeSet.users
      .filter((user) => user.op === "delete" && user.retained && listed.has(user.employeeId))
      .map((user) => user.employeeId),
  );
}

/** The deletes guard's note on scope releases: `; 2 out-of-scope accounts released, allowed by …`, or nothing. */
export function scopeReleaseNote(released: number): string {
  if (released === 0) return "";
  const what = released === 1 ? "account" : "accounts";
  return `; ${released} out-of-scope ${what} released, allowed by --allow-scope-release`;
}
