import type { GraphActionCounts } from "./requests";
import type { GraphCall } from "./permissions";
import { CALL_NAMES, GRAPH_PERMISSIONS } from "./permissions";
import type { GraphWarning } from "./actions";

/** One call that did not succeed: whose, which, and Graph's status (0: never answered). Ids only. */
export interface GraphFailure {
  readonly employeeId: string;
  readonly call: GraphCall;
  readonly status: number;
}

/** What the Graph step did in one cycle; counts and ids only — never a name, a login or a pass code. */
export interface GraphOutcome {
  readonly planned: GraphActionCounts;
  readonly done: GraphActionCounts;
  readonly failures: readonly GraphFailure[];
  /** Revokes not sent because they would take the disables past the guard's threshold (next cycle, or override). */
  readonly heldBack: number;
  readonly warnings: readonly GraphWarning[];
  /** Why the step stopped before acting at all (not started, no credentials, the tenant read failed). */
  readonly stop?: { readonly kind: "not_started" | "failed"; readonly message: string };
}

export const NO_COUNTS: GraphActionCounts = { revokes: 0, accessPasses: 0, extensionAttributes: 0 };

/**
 * The part of the cycle's status line the Graph step adds, e.g. `graph: revoke failed (missing
 * User.RevokeSessions.All)`, `graph: 3 revoked, 2 access passes, 41 extension attributes`, or `graph: nothing to do`.
 */
export function graphStatus(outcome: GraphOutcome): string {
  if (outcome.stop !== undefined) return `graph: stopped (${outcome.stop.message})`;
  const denied = [...new Set(outcome.failures.filter((f) => f.status === 403).map((f) => f.call))];
  const parts = denied.map((call) => `${CALL_NAMES[call]} failed (missing ${GRAPH_PERMISSIONS[call]})`);
  const otherFailures = outcome.failures.filter((f) => f.status !== 403).length;
  if (otherFailures > 0) parts.push(`${otherFailures} ${otherFailures === 1 ? "call" : "calls"} failed`);
  if (outcome.heldBack > 0) {
    const revokes = outcome.heldBack === 1 ? "revoke" : "revokes";
    parts.push(`${outcome.heldBack} ${revokes} held back by the disables guard`);
  }
  const { revokes, accessPasses, extensionAttributes } = outcome.done;
  const done = [
    revokes > 0 ? `${revokes} revoked` : "",
    accessPasses > 0 ? `${accessPasses} access ${accessPasses === 1 ? "pass" : "passes"}` : "",
    extensionAttributes > 0
      ? `${extensionAttributes} extension ${extensionAttributes === 1 ? "attribute" : "attributes"}`
      : "",
  ].filter((part) => part !== "");
  const all = [...parts, ...done];
  return `graph: ${all.length === 0 ? "nothing to do" : all.join(", ")}`;
}

/** Whether the outcome needs attention (a warn line, a notification): a stop, a failure or revokes held back. */
export function graphNeedsAttention(outcome: GraphOutcome): boolean {
  return outcome.stop !== undefined || outcome.failures.length > 0 || outcome.heldBack > 0;
}
