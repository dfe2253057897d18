import { disableThreshold } from "../review/guards";
import {
  countGraphActions,
  executeGraphActions,
  type GraphAction,
  type GraphApi,
  type GraphOutcome,
  NO_COUNTS,
} from "../graph";
import type { ChangeSet } from "../review/change-set";
import type { GuardOptions } from "../review/guards";
import type { Logger } from "../util/log";
import { graphConfigured, planGraphActions } from "./graph-plan";
import type { PersonioReading } from "./take-snapshot";

/** What the Graph step gets from a successful cycle. */
export interface GraphStepInput {
  /** The cycle's listing and config: the step renders them as the program did. */
  readonly reading: PersonioReading;
  /** The checked preview: its disables are the ones the guard approved, and revokes follow them. */
  readonly changeSet: ChangeSet | undefined;
  readonly guards: GuardOptions;
  readonly now: Date;
  readonly signal: AbortSignal;
  /** A targeted cycle's employee ids (`--only`, webhooks): the step acts for them only. */
  readonly only?: ReadonlySet<string>;
}

/** The Graph step after `up`; undefined when the stack asks for no Graph action. */
export type GraphStep = (input: GraphStepInput) => Promise<GraphOutcome | undefined>;

/**
 * The real step: one tenant read, the planners, then `$batch` writes — every action derived from what the tenant
 * shows now, so a crash or a failed call is repaired by the next cycle and nothing is done twice. The Graph
 * client is made on first use (`api`), so a stack without Graph actions needs no Graph credentials.
 */
export function graphStep(api: () => GraphApi, log: Logger): GraphStep {
  return async ({ reading, changeSet, guards, now, signal, only }) => {
    const { config, snapshot } = reading;
    if (!graphConfigured(config)) return undefined;
    const client = api();
    const plan = await planGraphActions({
      api: client,
      config,
      snapshot,
      now,
      signal,
      readPassMethods: true,
    });
    const actions = only === undefined ? plan.actions : plan.actions.filter((a) => only.has(a.employeeId));
    const { allowed, heldBack } = withinDisablesGuard(actions, changeSet, guards);
    for (const warning of plan.warnings) {
      log("warn", "graph.skipped", { employeeId: warning.employeeId, reason: warning.code });
    }
    const upns = new Map(plan.tenant.map((user) => [user.id, user.userPrincipalName]));
    const result = await executeGraphActions({
      api: client,
      actions: allowed,
      upnOf: (objectId) => upns.get(objectId),
      sender: config.graph.temporaryAccessPass?.sender,
      signal,
      startedAt: now,
    });
    for (const failure of [...plan.failures, ...result.failures]) {
      log("warn", "graph.failed", {
        employeeId: failure.employeeId,
        call: failure.call,
        status: failure.status,
      });
    }
    return {
      planned: countGraphActions(actions),
      done: result.done,
      failures: [...plan.failures, ...result.failures],
      heldBack,
      warnings: plan.warnings,
    };
  };
}

/**
 * The mass-change guard counts revokes with the disables they follow: a revoke of an account this cycle's checked
 * preview disabled is within what the guard approved; a revoke of an account disabled earlier (a missed cycle, the
 * feature just turned on) counts as one more disable, and those past the threshold are held back — the next cycle
 * sends them, or `--allow-mass-disable` lets them through at once.
 */
export function withinDisablesGuard(
  actions: readonly GraphAction[],
  changeSet: ChangeSet | undefined,
  guards: GuardOptions,
): { allowed: GraphAction[]; heldBack: number } {
  if (guards.allowMassDisable) return { allowed: [...actions], heldBack: 0 };
  const checked = new Set(changeSet?.users.filter((user) => user.disables).map((user) => user.employeeId));
  const { threshold } = disableThreshold(changeSet?.managedBefore ?? 0, guards.maxDisables);
  let room = Math.max(0, threshold - checked.size);
  let heldBack = 0;
  const allowed = actions.filter((action) => {
    if (action.kind !== "revokeSessions" || checked.has(action.employeeId)) return true;
    if (room > 0) {
      room -= 1;
      return true;
    }
    heldBack += 1;
    return false;
  });
  return { allowed, heldBack };
}

/** The outcome of a step that did not run (a stop signal, the deadline, no credentials, a failed read). */
export function graphStopped(kind: "not_started" | "failed", message: string): GraphOutcome {
  return {
    planned: NO_COUNTS,
    done: NO_COUNTS,
    failures: [],
    heldBack: 0,
    warnings: [],
    stop: { kind, message },
  };
}
