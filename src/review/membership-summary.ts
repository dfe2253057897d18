import type { ObservedOutputs } from "../contract";
import type { ChangeSet } from "./change-set";
import { escape, thousands } from "./markdown";
import type { MembershipChange } from "./memberships";

/** A titled table of the summary, as `summaryMarkdown` cuts it to fit. */
export interface MembershipSection {
  readonly intro: string;
  readonly header: string;
  readonly rows: readonly string[];
  readonly noun: string;
}

const CHANGE_TEXT: Record<MembershipChange["change"], string> = {
  join: "joins",
  adopt: "already a member; now kept in step",
  leave: "leaves",
};

/** `Group memberships: 3 joins, 1 leave, 2 taken over (already members).`, or nothing without changes. */
export function membershipCountsLine(changeSet: ChangeSet): string | undefined {
  const changes = changeSet.memberships ?? [];
  if (changes.length === 0) return undefined;
  const count = (change: MembershipChange["change"]): number =>
    changes.filter((c) => c.change === change).length;
  const plural = (n: number, word: string): string => `${thousands(n)} ${word}${n === 1 ? "" : "s"}`;
  const parts = [plural(count("join"), "join"), plural(count("leave"), "leave")];
  const adopted = count("adopt");
  if (adopted > 0) parts.push(`${thousands(adopted)} taken over (already members)`);
  return `Group memberships: ${parts.join(", ")}.`;
}

/** `Groups after this run: 10 (8 created by this stack, 2 existing), 1,234 memberships.` from the stack output. */
export function groupCountsLine(outputs: ObservedOutputs | undefined): string | undefined {
  const counts = outputs?.groups;
  if (counts === undefined || counts.groups === 0) return undefined;
  return (
    `Groups after this run: ${thousands(counts.groups)} (${thousands(counts.created)} created by this stack, ` +
    `${thousands(counts.existing)} existing), ${thousands(counts.memberships)} memberships.`
  );
}

/** The table of joins and leaves, one row per member and group; employees by id, never by name. */
export function membershipSection(changeSet: ChangeSet): MembershipSection | undefined {
  const changes = changeSet.memberships ?? [];
  if (changes.length === 0) return undefined;
  return {
    intro:
      `### Group memberships (${thousands(changes.length)})\n\n` +
      "Joins and leaves in the groups this stack fills from Personio:",
    header: "| Employee | Group | Change |\n| --- | --- | --- |",
    rows: changes.map((c) => `| ${memberCell(c)} | ${escape(c.group)} | ${CHANGE_TEXT[c.change]} |`),
    noun: "membership changes",
  };
}

function memberCell(change: MembershipChange): string {
  if (change.employeeId !== undefined) return escape(change.employeeId);
  if (change.memberObjectId !== undefined) return `not from Personio: ${escape(change.memberObjectId)}`;
  return "a new account (id known after apply)";
}
