import type { GraphCall, GraphOutcome } from "../graph";

/** The `action` label of `graph_actions_total`: a bounded set, one per kind of Graph action. */
export type GraphActionLabel = "revoke" | "access_pass" | "extension_attribute";
/** The `outcome` label: done, failed, or held back by the disables guard (revokes only). */
export type GraphOutcomeLabel = "done" | "failed" | "held_back";

export const GRAPH_ACTION_LABELS: readonly GraphActionLabel[] = [
  "revoke",
  "access_pass",
  "extension_attribute",
];
export const GRAPH_OUTCOME_LABELS: readonly GraphOutcomeLabel[] = ["done", "failed", "held_back"];

/** Which action a failed call belongs to; the tenant read belongs to none (the step's status says it). */
const ACTION_OF: Readonly<Record<GraphCall, GraphActionLabel | undefined>> = {
  listUsers: undefined,
  revokeSessions: "revoke",
  readAccessPasses: "access_pass",
  accessPass: "access_pass",
  sendMail: "access_pass",
  deleteAccessPass: "access_pass",
  extensionAttributes: "extension_attribute",
};

/**
 * The step's outcome as counts per action and outcome, every pair present (0 when none). A failed action counts
 * once per employee, however many of its calls failed (a pass whose mail and then whose delete failed is one).
 * @example revokes done 3, one 403 on a revoke → { revoke: { done: 3, failed: 1, held_back: 0 }, … }
 */
export function graphActionCounts(
  outcome: GraphOutcome,
): Record<GraphActionLabel, Record<GraphOutcomeLabel, number>> {
  const failed = (action: GraphActionLabel): number =>
    new Set(outcome.failures.filter((f) => ACTION_OF[f.call] === action).map((f) => f.employeeId)).size;
  return {
    revoke: { done: outcome.done.revokes, failed: failed("revoke"), held_back: outcome.heldBack },
    access_pass: { done: outcome.done.accessPasses, failed: failed("access_pass"), held_back: 0 },
    extension_attribute: {
      done: outcome.done.extensionAttributes,
      failed: failed("extension_attribute"),
      held_back: 0,
    },
  };
}
