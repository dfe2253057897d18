import type { CycleStatus } from "../runner/cycle-types";
import type { CycleReport } from "../runner/observer";

/** What readiness needs to remember of the cycles so far. */
export interface ReadinessState {
  readonly lastStatus?: CycleStatus;
  /** Epoch ms of the end of the last applied or unchanged cycle. */
  readonly lastSuccessAt?: number;
  /** Failed cycles in a row. */
  readonly failures: number;
  /** Epoch ms of the first of the locked cycles in a row, while the last one was locked. */
  readonly lockedSince?: number;
  /** The guards of the last cycle, when it was refused, and the override to use. */
  readonly refusedGuards?: readonly string[];
  readonly override?: string;
  /** The shard stacks the last cycle failed on, when it was a failed coordinator cycle. */
  readonly failedShards?: readonly string[];
}

export const INITIAL_READINESS: ReadinessState = { failures: 0 };

/** Folds one cycle into the state. */
export function nextReadiness(state: ReadinessState, report: CycleReport): ReadinessState {
  const success = report.status === "applied" || report.status === "unchanged";
  const refusals = report.status === "refused" ? (report.result.verdict?.refusals ?? []) : [];
  const failedShards = (report.result.shards ?? []).filter((s) => s.status === "failed").map((s) => s.stack);
  return {
    lastStatus: report.status,
    lastSuccessAt: success ? report.at : state.lastSuccessAt,
    failures: report.status === "failed" ? state.failures + 1 : 0,
    ...(report.status === "locked" ? { lockedSince: state.lockedSince ?? report.at } : {}),
    ...(refusals.length > 0
      ? {
          refusedGuards: refusals.map((r) => r.guard),
          override: [...new Set(refusals.map((r) => r.override))].join(" "),
        }
      : {}),
    ...(failedShards.length > 0 ? { failedShards } : {}),
  };
}

/** Why the runner is not ready; a bounded set, for the JSON body and for alerts. */
export type NotReadyReason = "never-succeeded" | "refused" | "failing" | "locked" | "stale";

/** The `/readyz` answer: `ready` or the reason, with ids and counts only. */
export type Readiness =
  | { readonly ready: true; readonly lastStatus: CycleStatus; readonly lastSuccessAt: string }
  | {
      readonly ready: false;
      readonly reason: NotReadyReason;
      readonly detail: string;
      readonly lastSuccessAt?: string;
    };

/**
 * Ready when the last cycle succeeded (applied or unchanged) — or was skipped on a lock — and the last success
 * is at most `maxStalenessMs` old. A refusal or a failure is not ready at once: nothing is being provisioned.
 *
 * @example readiness({ lastStatus: "locked", lastSuccessAt: 0, failures: 0, lockedSince: 0 }, 4 * HOUR, 3 * HOUR)
 *   // → { ready: false, reason: "locked", … }: locked for longer than --max-staleness
 */
export function readiness(state: ReadinessState, now: number, maxStalenessMs: number): Readiness {
  const last = state.lastSuccessAt === undefined ? {} : { lastSuccessAt: iso(state.lastSuccessAt) };
  const notReady = (reason: NotReadyReason, detail: string): Readiness => ({
    ready: false,
    reason,
    detail,
    ...last,
  });
  if (state.lastStatus === undefined) return notReady("never-succeeded", "no cycle has finished yet");
  if (state.lastStatus === "refused") {
    const guards = (state.refusedGuards ?? []).join(", ");
    return notReady(
      "refused",
      `guard ${guards} refused the last cycle; override once with ${state.override}`,
    );
  }
  if (state.lastStatus === "failed") {
    const shards =
      state.failedShards === undefined ? "" : `; the last failed on ${state.failedShards.join(", ")}`;
    return notReady(
      "failing",
      `${state.failures} failed ${state.failures === 1 ? "cycle" : "cycles"} in a row${shards}`,
    );
  }
  const age = state.lastSuccessAt === undefined ? Infinity : now - state.lastSuccessAt;
  if (state.lastStatus === "locked" && age > maxStalenessMs) {
    const since = state.lockedSince === undefined ? "" : ` since ${iso(state.lockedSince)}`;
    return notReady("locked", `the stack has been locked by another update${since}`);
  }
  if (state.lastSuccessAt === undefined) return notReady("never-succeeded", "no cycle has succeeded yet");
  if (age > maxStalenessMs) {
    return notReady(
      "stale",
      `the last success is older than --max-staleness (${Math.round(maxStalenessMs / 60_000)} min)`,
    );
  }
  return { ready: true, lastStatus: state.lastStatus, lastSuccessAt: iso(state.lastSuccessAt) };
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
