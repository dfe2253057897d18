import type { GraphAction } from "../graph";

/**
 * One action of `npm run graph --dry-run`: kind, employee id, object id; for extension attributes the attribute
 * names, never their values; for an access pass its start and who receives it, never the address.
 * @example "extensionAttributes employee 12 object obj-12: extensionAttribute1, extensionAttribute3"
 */
export function graphActionLine(action: GraphAction): string {
  const head = `${action.kind} employee ${action.employeeId} object ${action.objectId}`;
  switch (action.kind) {
    case "revokeSessions":
      return head;
    case "accessPass":
      return `${head}: from ${action.startDateTime}, mailed to the ${action.recipientIs}`;
    case "extensionAttributes":
      return `${head}: ${Object.keys(action.changes).join(", ")}`;
  }
}
