import type { OpType } from "@pulumi/pulumi/automation";
import { type ChangeSet, type FieldChange, SECRET, UNKNOWN, type UserChange } from "./change-set";
import type { GuardVerdict } from "./guards";
import { GITHUB_COMMENT_LIMIT, fitComment, type Section } from "./comment-fit";
import { escape, thousands } from "./markdown";
import { lifecycleSections } from "./lifecycle-summary";
import { groupCountsLine, membershipCountsLine, membershipSection } from "./membership-summary";

export { GITHUB_COMMENT_LIMIT };

/** The hidden first line by which the runner finds (and updates) its sticky comment. */
export const DEFAULT_MARKER = "<!-- personio-azuread-preview -->";

export interface SummaryOptions {
  /** The stack previewed: named in the heading and in the command for the full list. */
  readonly stack: string;
  /** Longest text returned, counted in UTF-16 code units (never fewer than characters); default 65,536. */
  readonly maxChars?: number;
  /** First line, a hidden HTML comment to find the sticky comment by; default {@link DEFAULT_MARKER}. */
  readonly marker?: string;
}

/** Operations in the order a reviewer reads them; any other operation follows, alphabetically. */
const OP_ORDER: readonly OpType[] = [
  "create",
  "import",
  "update",
  "replace",
  "import-replacement",
  "delete",
  "same",
];

/**
 * The pull-request summary of a preview: guard verdict first, then counts per operation, disables, adoptions,
 * other resources and the changed users (unchanged ones are only counted). Passwords are never shown and
 * secrets appear as "[secret]". The text is deterministic and never longer than `maxChars`: rows are cut from
 * the end of the tables, the changed users last, each cut table ending with a note on what is not shown.
 *
 * @example summaryMarkdown(changeSet, verdict, { stack: "prod" }).startsWith("<!-- personio-azuread-preview -->")
 */
export function summaryMarkdown(
  changeSet: ChangeSet,
  verdict: GuardVerdict,
  options: SummaryOptions,
): string {
  const maxChars = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  if (!Number.isInteger(maxChars) || maxChars < 1) {
    throw new RangeError(`Invalid value for maxChars: ${maxChars}. Allowed values are: a whole number >= 1.`);
  }
  const stack = options.stack.replace(/`/g, "");
  const head = [
    `${options.marker ?? DEFAULT_MARKER}\n## Azure AD preview for stack \`${stack}\``,
    verdictBlock(verdict),
    ...countsBlocks(changeSet),
  ].join("\n\n");
  return fitComment(head, changeSections(changeSet), maxChars, stack);
}

function verdictBlock(verdict: GuardVerdict): string {
  // A guard overridden by a flag passed, but a reviewer should see that it would have refused.
  const overridden = (line: string): boolean => line.includes("allowed by --");
  const lines = [
    ...verdict.refusals.map((refusal) => `- ⛔ ${escape(refusal.message)}`),
    ...verdict.checked.map((line) => `- ${overridden(line) ? "⚠️" : "✔️"} ${escape(line)}`),
  ];
  const guards = verdict.refusals.length + verdict.checked.length;
  const title = verdict.ok
    ? `✅ **Would apply**: every guard passed${verdict.checked.some(overridden) ? ", some by an override for this run" : ""}.`
    : `⛔ **Refused**: \`up\` would not run; ${verdict.refusals.length} of ${guards} guards refused. ` +
      "Each can be overridden for one run by the flag it names.";
  return lines.length === 0 ? title : `${title}\n\n${lines.join("\n")}`;
}

function countsBlocks(changeSet: ChangeSet): string[] {
  const ops = (Object.keys(changeSet.counts) as OpType[]).sort(
    (a, b) => opRank(a) - opRank(b) || (a < b ? -1 : 1),
  );
  const blocks: string[] = [];
  if (ops.length === 0) {
    blocks.push("### Users\n\nNo Azure AD users in this preview.");
  } else {
    const rows = ops.map((op) => `| ${op} | ${thousands(changeSet.counts[op] ?? 0)} |`);
    const total = `| **total** | ${thousands(changeSet.users.length)} |`;
    blocks.push(["### Users", "", "| Operation | Users |", "| --- | ---: |", ...rows, total].join("\n"));
  }
  const after = changeSet.stackOutputs?.counts;
  if (after !== undefined) {
    blocks.push(
      `After this run: Personio lists ${thousands(after.employees)} employees (${thousands(after.skipped)} skipped); ` +
        `${thousands(after.managed)} users are managed, ${thousands(after.enabled)} enabled and ` +
        `${thousands(after.disabled)} disabled.`,
    );
  }
  const groups = groupCountsLine(changeSet.stackOutputs);
  if (groups !== undefined) blocks.push(groups);
  const memberships = membershipCountsLine(changeSet);
  if (memberships !== undefined) blocks.push(memberships);
  const changed = changeSet.users.filter((user) => user.op !== "same").length;
  if (changed === 0 && changeSet.otherChanges.length === 0 && memberships === undefined) {
    blocks.push("No changes: every user is in step with Personio.");
  }
  return blocks;
}

function changeSections(changeSet: ChangeSet): Section[] {
  const disables = changeSet.users.filter((user) => user.disables);
  const adoptions = changeSet.users.filter((user) => user.adoption);
  const changed = changeSet.users.filter((user) => user.op !== "same");
  const sections: Section[] = [];
  if (disables.length > 0) {
    sections.push({
      intro: `### Disables (${thousands(disables.length)})\n\nAccounts that would be blocked from signing in:`,
      header: "| Employee | UPN |\n| --- | --- |",
      rows: disables.map((user) => `| ${escape(user.employeeId)} | ${escape(user.userPrincipalName)} |`),
      noun: "disables",
    });
  }
  if (adoptions.length > 0) {
    sections.push({
      intro: `### Adoptions (${thousands(adoptions.length)})\n\nExisting Azure AD accounts this stack would take over:`,
      header: "| Employee | UPN |\n| --- | --- |",
      rows: adoptions.map((user) => `| ${escape(user.employeeId)} | ${escape(user.userPrincipalName)} |`),
      noun: "adoptions",
    });
  }
  const memberships = membershipSection(changeSet);
  if (memberships !== undefined) sections.push(memberships);
  if (changeSet.otherChanges.length > 0) {
    sections.push({
      intro: `### Other changes (${thousands(changeSet.otherChanges.length)})`,
      header: "| Resource | Type | Operation |\n| --- | --- | --- |",
      rows: changeSet.otherChanges.map(
        (change) =>
          `| ${escape(change.urn.slice(change.urn.lastIndexOf("::") + 2))} | ${escape(change.type)} | ${change.op} |`,
      ),
      noun: "other changes",
    });
  }
  sections.push(...lifecycleSections(changeSet.stackOutputs));
  if (changed.length > 0) {
    sections.push({
      intro: `### Changed users (${thousands(changed.length)})`,
      header: "| Employee | UPN | Operation | Changes |\n| --- | --- | --- | --- |",
      rows: changed.map(
        (user) =>
          `| ${escape(user.employeeId)} | ${escape(user.userPrincipalName)} | ${opLabel(user)} | ${changesCell(user)} |`,
      ),
      noun: "changed users",
    });
  }
  return sections;
}

function opLabel(user: UserChange): string {
  return user.op === "replace" && user.retained ? "replace (old account retained)" : user.op;
}

function changesCell(user: UserChange): string {
  if (user.op === "delete") {
    return user.retained ? "released from the stack; the account stays in Azure AD" : "deleted from Azure AD";
  }
  if (user.fields.length > 0) return user.fields.map(fieldText).join("<br>");
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

function opRank(op: OpType): number {
  const rank = OP_ORDER.indexOf(op);
  return rank === -1 ? OP_ORDER.length : rank;
}
