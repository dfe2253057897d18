import { graphNeedsAttention, graphStatus } from "../graph";
import type { CycleReport } from "../runner/observer";
import { shardsLine } from "../runner/shard-summary";
import { PATTERN_REDACTOR, type Redactor } from "../util/known-names";
import type { NotificationKind } from "./policy";

/** What a notification says: ids and counts only. */
export interface NotificationContent {
  readonly kind: NotificationKind;
  readonly stack: string;
  /** How the cycle that triggered it ended. */
  readonly status: CycleReport["status"];
  /** One line for a chat title. */
  readonly title: string;
  /** The refusing guards, with their messages (counts, thresholds and employee ids). */
  readonly guards: readonly { guard: string; message: string }[];
  /** The flag(s) that let one run past the refusing guards. */
  readonly override?: string;
  /** Users per operation in the cycle's preview, e.g. `{ create: 1, update: 2 }`. */
  readonly counts: Readonly<Record<string, number>>;
  /** With write-back configured: values not written back this cycle (retried next cycle). */
  readonly writeBacksFailed?: number;
  /** The Graph step's status when it needs attention, e.g. `graph: revoke failed (missing User.RevokeSessions.All)`. */
  readonly graph?: string;
  /** Records Personio sent that could not be read this cycle, when there were any. */
  readonly skippedRecords?: number;
  /** A coordinator cycle's shards by how they ended, e.g. `applied: prod-0, prod-1; failed: prod-2`. */
  readonly shards?: string;
  readonly durationMs: number;
  /** The failure's cause line, with the names and logins the cycle knows and anything shaped like one blanked. */
  readonly error?: string;
  /** ISO time of the last success, if any. */
  readonly lastSuccessAt?: string;
  /** ISO time of the cycle's end. */
  readonly at: string;
}

/**
 * Builds the content of one notification from the cycle that triggered it; guard messages and the error pass
 * through `redactor` (the CLI's error text can name a person: a Graph conflict quotes the UPN).
 */
export function notificationContent(
  kind: NotificationKind,
  stack: string,
  report: CycleReport,
  maxStalenessMs: number,
  lastSuccessAt: number | undefined,
  redactor: Redactor = PATTERN_REDACTOR,
): NotificationContent {
  const refusals = report.result.verdict?.refusals ?? [];
  const counts: Record<string, number> = {};
  for (const [op, count] of Object.entries((report.result.applied ?? report.result.changeSet)?.counts ?? {}))
    if (count !== undefined) counts[op] = count;
  const override = [...new Set(refusals.map((r) => r.override))].join(" ");
  const graph = report.graph ?? report.result.graph;
  const skippedRecords = report.skippedRecords ?? report.result.skippedRecords ?? 0;
  return {
    kind,
    stack,
    status: report.status,
    title: title(kind, stack, maxStalenessMs, report.status),
    guards: refusals.map((r) => ({ guard: r.guard, message: redactor.redact(r.message) })),
    ...(override === "" ? {} : { override }),
    counts,
    ...(report.result.writeBack === undefined
      ? {}
      : { writeBacksFailed: report.result.writeBack.failed.length }),
    ...(graph === undefined || !graphNeedsAttention(graph)
      ? {}
      : { graph: redactor.redact(graphStatus(graph)) }),
    ...(skippedRecords > 0 ? { skippedRecords } : {}),
    ...(report.result.shards === undefined ? {} : { shards: shardsLine(report.result.shards) }),
    durationMs: Math.round(report.durationMs),
    ...(report.result.error === undefined ? {} : { error: redactor.redact(report.result.error) }),
    ...(lastSuccessAt === undefined ? {} : { lastSuccessAt: new Date(lastSuccessAt).toISOString() }),
    at: new Date(report.at).toISOString(),
  };
}

function title(
  kind: NotificationKind,
  stack: string,
  maxStalenessMs: number,
  status: CycleReport["status"],
): string {
  switch (kind) {
    case "refused":
      return `personio-azuread ${stack}: a guard refused the cycle, nothing was applied`;
    case "failing":
      return status === "failed"
        ? `personio-azuread ${stack}: reconcile is failing`
        : `personio-azuread ${stack}: ${status}, but Graph actions failed`;
    case "stale":
      return `personio-azuread ${stack}: no successful cycle for more than ${hours(maxStalenessMs)}`;
    case "recovered":
      return `personio-azuread ${stack}: reconcile recovered`;
  }
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return Number.isInteger(h) ? `${h} h` : `${Math.round(ms / 60_000)} min`;
}
