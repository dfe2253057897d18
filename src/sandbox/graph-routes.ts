import type { GraphFaults } from "./graph-faults";
import type { GraphCall, GraphContext, GraphHandler } from "./graph-handler";
import { sendMail } from "./graph-mail";
import { graphError, type GraphReply } from "./graph-reply";
import { createTap, deleteTap, listTaps } from "./graph-tap";
import { getUser, listUsers, patchUser, revokeSessions } from "./graph-users";

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  /** Any one of these application permissions allows the call. */
  readonly roles: readonly string[];
  readonly handle: GraphHandler;
}

const USER = "/users/([^/]+)";
const TAPS = `${USER}/authentication/temporaryAccessPassMethods`;
const READ_USERS = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const WRITE_USERS = ["User.ReadWrite.All", "Directory.ReadWrite.All"];
const TAP_WRITE = ["UserAuthenticationMethod.ReadWrite.All", "UserAuthMethod-TAP.ReadWrite.All"];
const TAP_READ = [...TAP_WRITE, "UserAuthenticationMethod.Read.All", "UserAuthMethod-TAP.Read.All"];

/** The endpoints the emulator serves under `/v1.0`, with the least-privileged permissions Graph documents. */
const ROUTES: readonly Route[] = [
  { method: "GET", pattern: /^\/users$/, roles: READ_USERS, handle: listUsers },
  { method: "GET", pattern: new RegExp(`^${USER}$`), roles: READ_USERS, handle: getUser },
  { method: "PATCH", pattern: new RegExp(`^${USER}$`), roles: WRITE_USERS, handle: patchUser },
  {
    method: "POST",
    pattern: new RegExp(`^${USER}/revokeSignInSessions$`),
    roles: ["User.RevokeSessions.All", ...WRITE_USERS],
    handle: revokeSessions,
  },
  { method: "GET", pattern: new RegExp(`^${TAPS}$`), roles: TAP_READ, handle: listTaps },
  { method: "POST", pattern: new RegExp(`^${TAPS}$`), roles: TAP_WRITE, handle: createTap },
  { method: "DELETE", pattern: new RegExp(`^${TAPS}/([^/]+)$`), roles: TAP_WRITE, handle: deleteTap },
  { method: "POST", pattern: new RegExp(`^${USER}/sendMail$`), roles: ["Mail.Send"], handle: sendMail },
];

/** A request past authentication: the caller's roles and the emulator's faults come with it. */
export interface AuthorisedCall extends Omit<GraphCall, "params"> {
  readonly roles: readonly string[];
}

/**
 * Answers one API request (`$batch` aside) as Graph does: 404/405 for what it does not serve, an armed
 * sub-request fault, 403 `Authorization_RequestDenied` when the token lacks every allowed role, else the handler.
 */
export function routeApi(ctx: GraphContext, faults: GraphFaults, call: AuthorisedCall): GraphReply {
  const matches = ROUTES.filter((r) => r.pattern.test(call.path));
  if (matches.length === 0) {
    const segment =
      call.path
        .split("/")
        .filter((s) => s !== "")
        .pop() ?? "";
    return graphError(404, "NotFound", `Resource not found for the segment '${segment}'.`);
  }
  const route = matches.find((r) => r.method === call.method);
  if (route === undefined) {
    return graphError(
      405,
      "Request_BadRequest",
      `The method ${call.method} is not allowed on ${call.path}. Allowed: ${matches.map((r) => r.method).join(", ")}.`,
    );
  }
  const injected = faults.atSubRequest(call.method, call.path);
  if (injected !== undefined) return injected;
  if (!route.roles.some((role) => call.roles.includes(role))) {
    return graphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    );
  }
  const params = (route.pattern.exec(call.path) ?? []).slice(1);
  return route.handle(ctx, { ...call, params });
}
