import type { GraphAction } from "./actions";

/** A call of the Graph step: one of the actions, or what they need around them. */
export type GraphCall =
  GraphAction["kind"] | "listUsers" | "readAccessPasses" | "sendMail" | "deleteAccessPass";

/**
 * The least application permission each call needs (admin consent), as the README's permissions table says;
 * a 403 names it so the administrator knows what to grant.
 */
export const GRAPH_PERMISSIONS: Readonly<Record<GraphCall, string>> = {
  listUsers: "User.Read.All",
  revokeSessions: "User.RevokeSessions.All",
  readAccessPasses: "UserAuthenticationMethod.ReadWrite.All",
  accessPass: "UserAuthenticationMethod.ReadWrite.All",
  deleteAccessPass: "UserAuthenticationMethod.ReadWrite.All",
  sendMail: "Mail.Send",
  extensionAttributes: "User.ReadWrite.All",
};

/** The short name of a call in status lines: `revoke failed (missing User.RevokeSessions.All)`. */
export const CALL_NAMES: Readonly<Record<GraphCall, string>> = {
  listUsers: "tenant read",
  revokeSessions: "revoke",
  readAccessPasses: "access pass read",
  accessPass: "access pass",
  deleteAccessPass: "access pass delete",
  sendMail: "mail",
  extensionAttributes: "extension attributes",
};
