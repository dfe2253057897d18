import type { ChangeSet } from "./change-set";
import { escape, thousands } from "./markdown";

/** One shard's stack and its checked preview, for the pull-request comment. */
export interface ShardPreviewRow {
  readonly stack: string;
  readonly changeSet: ChangeSet;
}

/**
 * The comment's per-shard table: one row per shard stack with changes (users by operation, other resources),
 * counts only; the totals above it are the sum the guards judged. Undefined when there are no shards.
 * @example shardsBlock([{ stack: "prod-2", changeSet }]) // "### Shards\n\n4 shard stacks; 1 with changes.\n\n| Stack | Changes |…"
 */
export function shardsBlock(rows: readonly ShardPreviewRow[] | undefined): string | undefined {
  if (rows === undefined || rows.length === 0) return undefined;
  const changed = rows
    .map((row) => ({ stack: row.stack, changes: changes(row.changeSet) }))
    .filter((row) => row.changes !== "");
  const intro = `${rows.length} shard stacks; ${changed.length} with changes.`;
  if (changed.length === 0) return `### Shards\n\n${intro}`;
  const table = changed.map((row) => `| \`${escape(row.stack).replace(/`/g, "")}\` | ${row.changes} |`);
  return ["### Shards", "", intro, "", "| Stack | Changes |", "| --- | --- |", ...table].join("\n");
}

/** `create 1, update 2, other resources 1`; empty when nothing changes. */
function changes(changeSet: ChangeSet): string {
  const parts = Object.entries(changeSet.counts)
    .filter(([op, count]) => op !== "same" && (count ?? 0) > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([op, count]) => `${op} ${thousands(count ?? 0)}`);
  if (changeSet.otherChanges.length > 0)
    parts.push(`other resources ${thousands(changeSet.otherChanges.length)}`);
  const memberships = changeSet.memberships?.length ?? 0;
  if (memberships > 0) parts.push(`memberships ${thousands(memberships)}`);
  return parts.join(", ");
}
