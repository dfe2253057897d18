import type { CycleReport } from "../runner/observer";

/** Whether the cycle's Graph step failed an action or stopped on a failure (not: held back, not started). */
export function graphFailed(report: CycleReport): boolean {
  const graph = report.graph ?? report.result.graph;
  return graph !== undefined && (graph.failures.length > 0 || graph.stop?.kind === "failed");
}

/** Why an operator is told: a bounded set, named in every message. */
export type NotificationKind = "refused" | "failing" | "stale" | "recovered";

/** What the notifier remembers between cycles. */
export interface NotifyState {
  /** How the last cycle that was not skipped on a lock ended; "ok" before the first. */
  readonly phase: "ok" | "refused" | "failing";
  /** The refusing guards of the last refusal, sorted and joined, to tell a new refusal from the same one. */
  readonly refusedGuards?: string;
  /** Epoch ms of the last success, or of the start while there was none: staleness counts from there. */
  readonly since: number;
  /** Whether "stale" was sent since the last success. */
  readonly staleNotified: boolean;
}

/** The state of a runner that started at `startedAt` (epoch ms). */
export function initialNotifyState(startedAt: number): NotifyState {
  return { phase: "ok", since: startedAt, staleNotified: false };
}

/**
 * Decides what to send after a cycle — a change of state, never a repetition: a refusal (again only when other
 * guards refuse), the first failure after a success or a refusal, crossing `--max-staleness` once, and the
 * recovery after any of those. A locked cycle changes nothing but the staleness. A cycle that applied but whose
 * Graph step failed an action (or stopped on a failure) counts as a failure here: `up`'s result stands, but a
 * leaver's sessions stay open or a hire has no pass until someone acts.
 *
 * @example three failures in a row after a success send one "failing"; the success after them one "recovered".
 */
export function nextNotifications(
  state: NotifyState,
  report: CycleReport,
  maxStalenessMs: number,
): { state: NotifyState; send: NotificationKind[] } {
  const send: NotificationKind[] = [];
  if (report.status === "applied" || report.status === "unchanged") {
    // A success for staleness either way; a failed Graph action makes it one an operator must hear of.
    if (graphFailed(report)) {
      if (state.phase !== "failing") send.push("failing");
      return { state: { phase: "failing", since: report.at, staleNotified: false }, send };
    }
    if (state.phase !== "ok" || state.staleNotified) send.push("recovered");
    return { state: { phase: "ok", since: report.at, staleNotified: false }, send };
  }
  let next: NotifyState = state;
  if (report.status === "refused") {
    const guards = [...new Set((report.result.verdict?.refusals ?? []).map((r) => r.guard))].sort().join(",");
    if (state.phase !== "refused" || state.refusedGuards !== guards) send.push("refused");
    next = { ...state, phase: "refused", refusedGuards: guards };
  } else if (report.status === "failed") {
    if (state.phase !== "failing") send.push("failing");
    next = { phase: "failing", since: state.since, staleNotified: state.staleNotified };
  }
  if (!next.staleNotified && report.at - next.since > maxStalenessMs) {
    send.push("stale");
    next = { ...next, staleNotified: true };
  }
  return { state: next, send };
}
