import type { OpType } from "@pulumi/pulumi/automation";
import { type ChangeSet, type FieldChange, SECRET, UNKNOWN, type UserChange } from "./change-set";
import type { GuardVerdict } from "./guards";
import { escape, thousands } from "./markdown";
import { groupCountsLine, membershipCountsLine, membershipSection } from "./membership-summary";

/** GitHub's limit for the body of a pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
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

/** A titled table whose rows may be cut when the comment would be too long. */
interface Section {
  readonly intro: string;
  readonly header: string;
  readonly rows: readonly string[];
  /** Plural noun for the note on rows not shown, e.g. "changed users". */
  readonly noun: string;
}

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
  const sections = changeSections(changeSet);
  const full = [head, ...sections.map((section) => sectionText(section, section.rows.length))].join("\n\n");
  if (full.length <= maxChars) return full;
  const text = fit(head, sections, maxChars, omissionNote(maxChars, stack));
  return text.length <= maxChars ? text : hardCut(text, maxChars, stack);
}

/** The note under a cut table; `partial` when some rows are shown ("and N more"). */
type Note = (section: Section, omitted: number, partial: boolean) => string;

/** `_… and 9,400 more changed users not shown (…); run … locally for the full list._` */
function omissionNote(maxChars: number, stack: string): Note {
  return (section, omitted, partial) => {
    const more = partial ? `and ${thousands(omitted)} more` : thousands(omitted);
    return (
      `_… ${more} ${section.noun} not shown (the comment limit is ${thousands(maxChars)} characters); ` +
      `run \`npm run preview -- --stack ${stack}\` locally for the full list._`
    );
  };
}

/**
 * Appends the sections to the head, each whole if it fits, else as many rows as fit and a note. The room for
 * rows is shared max-min fairly (a section needing less than an equal share gets all it needs, the rest split
 * the remainder), so every section keeps its count and some rows; what a section leaves unused goes to the
 * later ones, the changed users last.
 */
function fit(head: string, sections: readonly Section[], maxChars: number, note: Note): string {
  // A cut section costs its intro, its header and the longest note it can get, besides its rows: "and N
  // more" with N as wide as the row count bounds every note of the section.
  const fixed = sections.map(
    (section) =>
      2 + `${section.intro}\n\n${section.header}\n\n${note(section, section.rows.length, true)}`.length,
  );
  const needs = sections.map((section) => section.rows.reduce((sum, row) => sum + row.length + 1, 0));
  let text = head;
  sections.forEach((section, index) => {
    const room = maxChars - text.length - fixed.slice(index).reduce((sum, cost) => sum + cost, 0);
    let share = fairShare(needs.slice(index), Math.max(0, room));
    if (share >= (needs[index] as number)) {
      text += `\n\n${sectionText(section, section.rows.length)}`;
      return;
    }
    let shown = 0;
    while (shown < section.rows.length && (section.rows[shown] as string).length + 1 <= share) {
      share -= (section.rows[shown] as string).length + 1;
      shown++;
    }
    const table = shown > 0 ? sectionText(section, shown) : section.intro;
    text += `\n\n${table}\n\n${note(section, section.rows.length - shown, shown > 0)}`;
  });
  return text;
}

/** The first section's part of `room` when it is shared max-min fairly among sections needing `needs`. */
function fairShare(needs: readonly number[], room: number): number {
  const order = needs.map((need, index) => ({ need, index })).sort((a, b) => a.need - b.need);
  let remaining = room;
  for (const [rank, { need, index }] of order.entries()) {
    const part = Math.min(need, Math.floor(remaining / (order.length - rank)));
    if (index === 0) return part;
    remaining -= part;
  }
  return 0;
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

function sectionText(section: Section, rows: number): string {
  return [section.intro, "", section.header, ...section.rows.slice(0, rows)].join("\n");
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

/** Last resort when even the head is too long: cut, never inside a surrogate pair, and say so. */
function hardCut(text: string, maxChars: number, stack: string): string {
  const note =
    `\n\n_… cut at the comment limit of ${thousands(maxChars)} characters; ` +
    `run \`npm run preview -- --stack ${stack}\` locally for the full summary._`;
  const keep = note.length < maxChars ? maxChars - note.length : maxChars;
  let cut = text.slice(0, keep);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return note.length < maxChars ? cut + note : cut;
}
