import { accessPassMailRequest } from "./access-pass-mail";
import type { GraphAction } from "./actions";
import type { GraphFailure } from "./outcome";
import type { GraphCall } from "./permissions";
import { type GraphActionCounts, graphRequests } from "./requests";
import type { GraphApi, GraphRequest, GraphResponse } from "./types";

type AccessPassAction = Extract<GraphAction, { kind: "accessPass" }>;

/** How long deleting unmailed passes may take once the cycle's own deadline or a signal has ended it. */
export const CLEANUP_DEADLINE_MS = 15_000;
/** How far Graph's clock may be behind ours when it dates a pass created during this step. */
const CLOCK_SKEW_MS = 60_000;

/** What {@link executeGraphActions} needs besides the actions. */
export interface GraphExecution {
  readonly api: GraphApi;
  readonly actions: readonly GraphAction[];
  /** The user principal name of an account the mail is about (the tenant listing). */
  readonly upnOf: (objectId: string) => string | undefined;
  /** The mailbox passes are sent from; required when there are access pass actions. */
  readonly sender?: string;
  readonly signal?: AbortSignal;
  /** The signal for deleting passes whose mail failed; default: a fresh {@link CLEANUP_DEADLINE_MS} deadline. */
  readonly cleanupSignal?: () => AbortSignal;
  /** When the step started: a pass created since then whose create answer was lost is ours to delete. */
  readonly startedAt?: Date;
}

/** What the actions did: the counts that succeeded and the calls that did not (ids and statuses only). */
export interface GraphExecutionResult {
  readonly done: GraphActionCounts;
  readonly failures: GraphFailure[];
}

const ok = (response: GraphResponse | undefined): boolean =>
  response !== undefined && response.status >= 200 && response.status < 300;

/**
 * Runs the planned actions through `$batch`: revokes and extension attributes first, then each Temporary Access
 * Pass is created and mailed; a pass whose mail fails is deleted again, so the next cycle issues a new one. A
 * pass code lives only in this function's requests: it is never returned, logged or stored.
 */
export async function executeGraphActions(execution: GraphExecution): Promise<GraphExecutionResult> {
  const { api, actions, signal } = execution;
  const failures: GraphFailure[] = [];
  const writes = actions.filter((action) => action.kind !== "accessPass");
  const requests = graphRequests(writes);
  const answers = await answered(api, requests, signal);
  let revokes = 0;
  let extensionAttributes = 0;
  for (const [index, action] of writes.entries()) {
    const response = answers.get(requests[index]?.id ?? "");
    if (!ok(response)) {
      failures.push({ employeeId: action.employeeId, call: action.kind, status: response?.status ?? 0 });
    } else if (action.kind === "revokeSessions") revokes += 1;
    else if (action.kind === "extensionAttributes") extensionAttributes += Object.keys(action.changes).length;
  }
  const passes = actions.filter((action): action is AccessPassAction => action.kind === "accessPass");
  const accessPasses = passes.length === 0 ? 0 : await issuePasses(execution, passes, failures);
  return { done: { revokes, accessPasses, extensionAttributes }, failures };
}

async function issuePasses(
  execution: GraphExecution,
  passes: readonly AccessPassAction[],
  failures: GraphFailure[],
): Promise<number> {
  const { api, signal, sender, upnOf } = execution;
  const startedAt = execution.startedAt ?? new Date();
  const created = await answered(api, graphRequests(passes), signal);
  const mails: GraphRequest[] = [];
  const methodIds = new Map<string, string>();
  for (const action of passes) {
    const response = created.get(`tap-${action.objectId}`);
    const body = (response?.body ?? {}) as { id?: unknown; temporaryAccessPass?: unknown };
    const upn = upnOf(action.objectId);
    if (
      !ok(response) ||
      typeof body.temporaryAccessPass !== "string" ||
      sender === undefined ||
      upn === undefined
    ) {
      failures.push({ employeeId: action.employeeId, call: "accessPass", status: response?.status ?? 0 });
      if (ok(response) && typeof body.id === "string") methodIds.set(action.objectId, body.id);
      continue;
    }
    if (typeof body.id === "string") methodIds.set(action.objectId, body.id);
    mails.push(
      accessPassMailRequest({ action, userPrincipalName: upn, code: body.temporaryAccessPass, sender }),
    );
  }
  const sent = await answered(api, mails, signal);
  let mailed = 0;
  const unmailed: AccessPassAction[] = [];
  for (const action of passes) {
    if (!mails.some((mail) => mail.id === `mail-${action.objectId}`)) {
      if (methodIds.has(action.objectId)) unmailed.push(action);
      continue;
    }
    const response = sent.get(`mail-${action.objectId}`);
    if (ok(response)) mailed += 1;
    else {
      failures.push({ employeeId: action.employeeId, call: "sendMail", status: response?.status ?? 0 });
      unmailed.push(action);
    }
  }
  const lost = passes.filter((action) => created.get(`tap-${action.objectId}`)?.status === 0);
  unmailed.push(...(await findLostPasses(execution, lost, startedAt, methodIds)));
  await deleteUnmailed(execution, unmailed, methodIds, failures);
  return mailed;
}

/**
 * Passes whose create was sent but never answered (a deadline, a dropped connection) may exist with a code no one
 * received; the next cycle would count them as issued. So the user's passes are read again and one created since
 * the step started is taken for ours, to be deleted: the next cycle then issues a new one.
 */
async function findLostPasses(
  execution: GraphExecution,
  lost: readonly AccessPassAction[],
  startedAt: Date,
  methodIds: Map<string, string>,
): Promise<AccessPassAction[]> {
  if (lost.length === 0) return [];
  const requests: GraphRequest[] = lost.map((action) => ({
    id: `lost-${action.objectId}`,
    method: "GET",
    url: `/users/${encodeURIComponent(action.objectId)}/authentication/temporaryAccessPassMethods`,
  }));
  const answers = await answered(execution.api, requests, cleanupSignal(execution));
  return lost.filter((action) => {
    const value = (answers.get(`lost-${action.objectId}`)?.body as { value?: unknown } | undefined)?.value;
    const ours = (Array.isArray(value) ? value : []).find(
      (method: { id?: unknown; createdDateTime?: unknown }) => {
        const created = typeof method.createdDateTime === "string" ? Date.parse(method.createdDateTime) : NaN;
        return typeof method.id === "string" && created >= startedAt.getTime() - CLOCK_SKEW_MS;
      },
    ) as { id: string } | undefined;
    if (ours !== undefined) methodIds.set(action.objectId, ours.id);
    return ours !== undefined;
  });
}

/** Deletes the passes nobody received, under a deadline of its own: the cycle's may already have passed. */
async function deleteUnmailed(
  execution: GraphExecution,
  unmailed: readonly AccessPassAction[],
  methodIds: ReadonlyMap<string, string>,
  failures: GraphFailure[],
): Promise<void> {
  const requests = unmailed.flatMap((action): GraphRequest[] => {
    const methodId = methodIds.get(action.objectId);
    if (methodId === undefined) return [];
    const user = encodeURIComponent(action.objectId);
    const url = `/users/${user}/authentication/temporaryAccessPassMethods/${encodeURIComponent(methodId)}`;
    return [{ id: `delete-${action.objectId}`, method: "DELETE", url }];
  });
  if (requests.length === 0) return;
  const deleted = await answered(execution.api, requests, cleanupSignal(execution));
  for (const action of unmailed) {
    const response = deleted.get(`delete-${action.objectId}`);
    if (methodIds.has(action.objectId) && !ok(response)) {
      const call: GraphCall = "deleteAccessPass";
      failures.push({ employeeId: action.employeeId, call, status: response?.status ?? 0 });
    }
  }
}

function cleanupSignal(execution: GraphExecution): AbortSignal {
  return (execution.cleanupSignal ?? (() => AbortSignal.timeout(CLEANUP_DEADLINE_MS)))();
}

async function answered(
  api: GraphApi,
  requests: readonly GraphRequest[],
  signal: AbortSignal | undefined,
): Promise<Map<string, GraphResponse>> {
  if (requests.length === 0) return new Map();
  const responses = await api.batch(requests, signal);
  return new Map(responses.map((response) => [response.id, response]));
}
