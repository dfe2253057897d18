import type { OpType } from "@pulumi/pulumi/automation";
import { formatGraphCounts, type GraphActionCounts } from "../graph";
import type { ChangeSet } from "./change-set";
import type { GuardVerdict } from "./guards";
import { GITHUB_COMMENT_LIMIT, fitComment, type Section } from "./comment-fit";
import { escape, thousands } from "./markdown";
import { type ShardPreviewRow, shardsBlock } from "./shard-summary";
import { lifecycleSections } from "./lifecycle-summary";
import { groupCountsLine, membershipCountsLine, membershipSection } from "./membership-summary";
import { callOutSections, changedUsersSection, NAMES_LEFT_OUT } from "./user-summary";
import { outOfScopeLine } from "./scope-summary";

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
  /**
   * List users' UPNs and the changed values too (`--show-names`, for private repositories); default false:
   * users by employee id only, changed fields by name (account state such as `accountEnabled` with its values).
   */
  readonly showNames?: boolean;
  /** With Graph actions configured: what the Graph step would do after `up`, or why it was not counted. */
  readonly graph?: GraphSummary;
  /** A sharded stack: each shard stack's checked preview; the change set is then their sum. */
  readonly shards?: readonly ShardPreviewRow[];
}

/** The Graph actions counted for the summary (access passes a ceiling), or why they were not: counts only. */
export type GraphSummary = { readonly counts: GraphActionCounts } | { readonly notCounted: string };

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
 * other resources and the changed users (unchanged ones are only counted). Users are named by employee id
 * only, changes by field name, unless `showNames` asks for UPNs and values (see {@link SummaryOptions}).
 * Passwords are never shown and secrets appear as "[secret]". The text is deterministic and never longer than `maxChars`: rows are cut from
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
  const showNames = options.showNames === true;
  const head = [
    `${options.marker ?? DEFAULT_MARKER}\n## Azure AD preview for stack \`${stack}\``,
    verdictBlock(verdict),
    ...countsBlocks(changeSet, showNames),
    ...[shardsBlock(options.shards)].filter((block): block is string => block !== undefined),
    ...(options.graph === undefined ? [] : [graphLine(options.graph)]),
  ].join("\n\n");
  return fitComment(
    head,
    changeSections(changeSet, showNames),
    maxChars,
    stack,
    showNames ? " --show-names" : "",
  );
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

/** e.g. `After up, Graph: 3 sessions to revoke, up to 2 access passes, 41 extension attributes.` */
function graphLine(graph: GraphSummary): string {
  return "counts" in graph
    ? `After up, Graph: ${formatGraphCounts(graph.counts, { accessPassesUpTo: true })}.`
    : `After up, Graph: not counted (${escape(graph.notCounted)}).`;
}

function countsBlocks(changeSet: ChangeSet, showNames: boolean): string[] {
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
  const scope = outOfScopeLine(changeSet.stackOutputs);
  if (scope !== undefined) blocks.push(scope);
  const groups = groupCountsLine(changeSet.stackOutputs);
  if (groups !== undefined) blocks.push(groups);
  const waiting = crossShardLine(changeSet.stackOutputs);
  if (waiting !== undefined) blocks.push(waiting);
  const memberships = membershipCountsLine(changeSet);
  if (memberships !== undefined) blocks.push(memberships);
  const changed = changeSet.users.filter((user) => user.op !== "same").length;
  if (changed === 0 && changeSet.otherChanges.length === 0 && memberships === undefined) {
    blocks.push("No changes: every user is in step with Personio.");
  }
  if (changed > 0 && !showNames) blocks.push(NAMES_LEFT_OUT);
  return blocks;
}

function changeSections(changeSet: ChangeSet, showNames: boolean): Section[] {
  const sections: Section[] = callOutSections(changeSet, showNames);
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
  const changed = changedUsersSection(changeSet, showNames);
  if (changed !== undefined) sections.push(changed);
  return sections;
}

function opRank(op: OpType): number {
  const rank = OP_ORDER.indexOf(op);
  return rank === -1 ? OP_ORDER.length : rank;
}

/**
 * With shards, the links that wait for an account another shard creates in this run (a manager, a member of a
 * created group): they follow on the next cycle.
 * @example "Across shards: 2 manager links and 1 group membership follow on the next cycle (their accounts are new in another shard)."
 */
export function crossShardLine(outputs: ChangeSet["stackOutputs"]): string | undefined {
  const managers = outputs?.crossShardManagersPending ?? 0;
  const members = outputs?.crossShardMembersPending ?? 0;
  if (managers + members === 0) return undefined;
  const links = [
    managers > 0 ? `${thousands(managers)} manager ${managers === 1 ? "link" : "links"}` : "",
    members > 0 ? `${thousands(members)} group ${members === 1 ? "membership" : "memberships"}` : "",
  ].filter((part) => part !== "");
  const verb = managers + members === 1 ? "follows" : "follow";
  return `Across shards: ${links.join(" and ")} ${verb} on the next cycle (their accounts are new in another shard).`;
}
