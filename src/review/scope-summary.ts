import type { ObservedOutputs } from "../contract";

/** How many employee ids the line names before it says "and N more". */
const LISTED = 10;

/**
 * The pull-request summary's line on `personio-azuread:scope`, from the program's `outOfScope` output: how many
 * employees it leaves out, and the managed accounts kept as they are or released (`--allow-scope-release`), by
 * employee id. Undefined for a stack without a scope.
 * @example "Out of scope: 13 employees; 1 managed account left as it is (employee 6); release with --allow-scope-release."
 */
export function outOfScopeLine(outputs: ObservedOutputs | undefined): string | undefined {
  const scope = outputs?.outOfScope;
  if (scope === undefined) return undefined;
  const parts = [`Out of scope: ${scope.employees} ${scope.employees === 1 ? "employee" : "employees"}`];
  if (scope.kept.length > 0) {
    const what = scope.kept.length === 1 ? "account left as it is" : "accounts left as they are";
    parts.push(
      `${scope.kept.length} managed ${what} (${ids(scope.kept)}); release with --allow-scope-release`,
    );
  }
  if (scope.released.length > 0) {
    const what = scope.released.length === 1 ? "account released" : "accounts released";
    parts.push(
      `${scope.released.length} managed ${what} from the stack (${ids(scope.released)}), kept in Entra ID`,
    );
  }
  return `${parts.join("; ")}.`;
}

function ids(list: readonly string[]): string {
  const sorted = [...list].sort((a, b) => Number(a) - Number(b));
  const shown = sorted.slice(0, LISTED).join(", ");
  const more = sorted.length > LISTED ? ` and ${sorted.length - LISTED} more` : "";
  return `${sorted.length === 1 ? "employee" : "employees"} ${shown}${more}`;
}
