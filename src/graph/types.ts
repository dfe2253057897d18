/**
 * The shapes the Graph step shares: the tenant as Graph lists it, one request of a `$batch`, its answer, and
 * the actions the planners derive. Ids and counts only leave this folder; a Temporary Access Pass code never does.
 */

/** The extension attributes Entra ID keeps on every user (`extensionAttribute1` … `extensionAttribute15`). */
export type ExtensionAttributes = Readonly<Record<string, string | null>>;

/** One user of `GET /v1.0/users?$select=…`, the fields the Graph step reads. */
export interface TenantUser {
  readonly id: string;
  readonly employeeId: string | null;
  readonly userPrincipalName: string;
  /** The primary SMTP address, for adoption by e-mail as the program does it. */
  readonly mail?: string | null;
  readonly accountEnabled: boolean | null;
  /** ISO date-time; sessions issued before it are revoked. */
  readonly signInSessionsValidFromDateTime: string | null;
  readonly onPremisesSyncEnabled: boolean | null;
  readonly onPremisesExtensionAttributes: ExtensionAttributes | null;
}

/** The `$select` list for {@link TenantUser}. */
export const TENANT_USER_FIELDS = [
  "id",
  "employeeId",
  "userPrincipalName",
  "mail",
  "accountEnabled",
  "signInSessionsValidFromDateTime",
  "onPremisesSyncEnabled",
  "onPremisesExtensionAttributes",
] as const;

/** One sub-request of a `$batch`: `url` is relative to the version root, e.g. `/users/{id}/revokeSignInSessions`. */
export interface GraphRequest {
  readonly id: string;
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  readonly url: string;
  readonly body?: unknown;
}

/** The answer to one sub-request, after its own 429/503 retries. `status` 0: never answered (deadline, abort). */
export interface GraphResponse {
  readonly id: string;
  readonly status: number;
  readonly body?: unknown;
}

/** One user as `GET /users/{id | upn}?$select=id,mail` answers; `mail` null: no mailbox to send from. */
export interface MailUser {
  readonly id: string;
  readonly mail: string | null;
}

/** What the Graph step talks to: the real client, or a fake in tests. */
export interface GraphApi {
  /** Every user of the tenant, all pages, only {@link TENANT_USER_FIELDS}. */
  listUsers(signal?: AbortSignal): Promise<TenantUser[]>;
  /** One user by object id or UPN, its id and mail only; undefined when the tenant has no such user (404). */
  user(idOrUpn: string, signal?: AbortSignal): Promise<MailUser | undefined>;
  /**
   * Sends the requests in `$batch` envelopes of at most 20, paced under Graph's write limits; a sub-request
   * answered 429/503 is sent again after its own `Retry-After`. One failure does not stop the others: every
   * request gets exactly one response, in any order.
   */
  batch(requests: readonly GraphRequest[], signal?: AbortSignal): Promise<GraphResponse[]>;
}
