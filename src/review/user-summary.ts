import { type ChangeSet, type FieldChange, SECRET, UNKNOWN, type UserChange } from "./change-set";
import type { Section } from "./comment-fit";
import { escape, thousands } from "./markdown";

/*
 * The summary's tables of users: disables, adoptions and changed users. A pull-request comment is read by
 * everyone who can read the repository, so by default a user is only an employee id and a change only the
 * names of the fields it touches; `showNames` (the `--show-names` flag) adds the UPN and the values.
 */

/** Fields whose values are account state, not personal data: shown even without `showNames`. */
const STATE_FIELDS: ReadonlySet<string> = new Set(["accountEnabled"]);

/** The line under the counts saying what the default summary leaves out, and how to see it. */
export const NAMES_LEFT_OUT =
  "Employees are shown by Personio id only: UPNs, names and changed values are left out of this comment. " +
  "For a private repository, `npm run preview -- --show-names` lists them.";

/** The disables and adoptions tables (each only when it has rows). */
export function callOutSections(changeSet: ChangeSet, showNames: boolean): Section[] {
  const disables = changeSet.users.filter((user) => user.disables);
  const adoptions = changeSet.users.filter((user) => user.adoption);
  const header = showNames ? "| Employee | UPN |\n| --- | --- |" : "| Employee |\n| --- |";
  const row = (user: UserChange): string =>
    showNames
      ? `| ${escape(user.employeeId)} | ${escape(user.userPrincipalName)} |`
      : `| ${escape(user.employeeId)} |`;
  const sections: Section[] = [];
  if (disables.length > 0) {
    sections.push({
      intro: `### Disables (${thousands(disables.length)})\n\nAccounts that would be blocked from signing in:`,
      header,
      rows: disables.map(row),
      noun: "disables",
    });
  }
  if (adoptions.length > 0) {
    sections.push({
      intro: `### Adoptions (${thousands(adoptions.length)})\n\nExisting Azure AD accounts this stack would take over:`,
      header,
      rows: adoptions.map(row),
      noun: "adoptions",
    });
  }
  return sections;
}

/** The table of every user whose operation is not `same`; undefined when there is none. */
export function changedUsersSection(changeSet: ChangeSet, showNames: boolean): Section | undefined {
  const changed = changeSet.users.filter((user) => user.op !== "same");
  if (changed.length === 0) return undefined;
  return {
    intro: `### Changed users (${thousands(changed.length)})`,
    header: showNames
      ? "| Employee | UPN | Operation | Changes |\n| --- | --- | --- | --- |"
      : "| Employee | Operation | Changes |\n| --- | --- | --- |",
    rows: changed.map((user) =>
      showNames
        ? `| ${escape(user.employeeId)} | ${escape(user.userPrincipalName)} | ${opLabel(user)} | ${changesCell(user, true)} |`
        : `| ${escape(user.employeeId)} | ${opLabel(user)} | ${changesCell(user, false)} |`,
    ),
    noun: "changed users",
  };
}

function opLabel(user: UserChange): string {
  return user.op === "replace" && user.retained ? "replace (old account retained)" : user.op;
}

function changesCell(user: UserChange, showNames: boolean): string {
  if (user.op === "delete") {
    return user.retained ? "released from the stack; the account stays in Azure AD" : "deleted from Azure AD";
  }
  if (user.fields.length > 0) {
    if (showNames) return user.fields.map(fieldText).join("<br>");
    return user.fields
      .map((change) => (STATE_FIELDS.has(change.field) ? fieldText(change) : escape(change.field)))
      .join(", ");
  }
  return user.adoption ? "taken over as it is" : "—";
}

/** `field: old → new`; a field set from nothing shows only its value, a cleared one `→ (unset)`. */
function fieldText(change: FieldChange): string {
  const name = escape(change.field);
  if (change.old === undefined) return `${name}: ${value(change.new)}`;
  return `${name}: ${value(change.old)} → ${value(change.new)}`;
}

function value(raw: unknown): string {
  if (raw === undefined) return "(unset)";
  if (raw === SECRET) return SECRET;
  if (raw === UNKNOWN) return "(known after apply)";
  return escape(JSON.stringify(raw));
}
