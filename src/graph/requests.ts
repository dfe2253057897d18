import type { GraphAction } from "./actions";
import type { GraphRequest } from "./types";

/**
 * The `$batch` sub-requests of the actions, in their order; each id is the action's kind and object id
 * (`revoke-…`, `tap-…`, `ext-…`), so an answer finds its action again and a retry sends the same id.
 * @example revokeSessions of "a1" → { id: "revoke-a1", method: "POST", url: "/users/a1/revokeSignInSessions" }
 */
export function graphRequests(actions: readonly GraphAction[]): GraphRequest[] {
  return actions.map((action) => {
    const user = `/users/${encodeURIComponent(action.objectId)}`;
    switch (action.kind) {
      case "revokeSessions":
        return { id: `revoke-${action.objectId}`, method: "POST", url: `${user}/revokeSignInSessions` };
      case "accessPass":
        return {
          id: `tap-${action.objectId}`,
          method: "POST",
          url: `${user}/authentication/temporaryAccessPassMethods`,
          body: {
            startDateTime: action.startDateTime,
            lifetimeInMinutes: action.lifetimeInMinutes,
            isUsableOnce: action.isUsableOnce,
          },
        };
      case "extensionAttributes":
        return {
          id: `ext-${action.objectId}`,
          method: "PATCH",
          url: user,
          body: { onPremisesExtensionAttributes: { ...action.changes } },
        };
    }
  });
}

/** How many of each the actions do; `extensionAttributes` counts attribute values written (a clear is one). */
export interface GraphActionCounts {
  readonly revokes: number;
  readonly accessPasses: number;
  readonly extensionAttributes: number;
}

/** The counts of the actions, for the plan, the preview summary and the metrics. */
export function countGraphActions(actions: readonly GraphAction[]): GraphActionCounts {
  let revokes = 0;
  let accessPasses = 0;
  let extensionAttributes = 0;
  for (const action of actions) {
    if (action.kind === "revokeSessions") revokes += 1;
    else if (action.kind === "accessPass") accessPasses += 1;
    else extensionAttributes += Object.keys(action.changes).length;
  }
  return { revokes, accessPasses, extensionAttributes };
}

/**
 * The counts as one line; `accessPassesUpTo` when the passes are a ceiling (the candidates' methods unread).
 * @example formatGraphCounts({ revokes: 3, accessPasses: 2, extensionAttributes: 41 })
 *          === "3 sessions to revoke, 2 access passes, 41 extension attributes"
 * @example formatGraphCounts(counts, { accessPassesUpTo: true }) === "3 sessions to revoke, up to 2 access passes, …"
 */
export function formatGraphCounts(
  counts: GraphActionCounts,
  options: { readonly accessPassesUpTo?: boolean } = {},
): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    plural(counts.revokes, "session to revoke", "sessions to revoke"),
    (options.accessPassesUpTo === true && counts.accessPasses > 0 ? "up to " : "") +
      plural(counts.accessPasses, "access pass", "access passes"),
    plural(counts.extensionAttributes, "extension attribute", "extension attributes"),
  ].join(", ");
}
