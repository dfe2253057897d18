import type { TenantUser } from "../graph/types";
import type { GraphFaultPlan } from "./graph-faults";

/** The application permissions an emulator grants unless told otherwise: everything the Graph step asks for. */
export const GRAPH_ROLES = [
  "User.Read.All",
  "User.ReadWrite.All",
  "User.RevokeSessions.All",
  "UserAuthenticationMethod.ReadWrite.All",
  "Mail.Send",
] as const;

/** A user of the emulated tenant: what Graph lists, plus whether Exchange Online hosts a mailbox for it. */
export interface EmulatedUser extends TenantUser {
  readonly displayName?: string;
  readonly mail?: string | null;
  /** Whether `POST /users/{this}/sendMail` works; default false (404 `MailboxNotEnabledForRESTAPI`). */
  readonly mailbox?: boolean;
}

/** One Temporary Access Pass method as the emulator keeps it; `code` leaves only in the 201 of its creation. */
export interface TapMethod {
  readonly id: string;
  readonly code: string;
  readonly createdDateTime: string;
  readonly startDateTime: string;
  readonly lifetimeInMinutes: number;
  readonly isUsableOnce: boolean;
}

/** A message `POST /users/{sender}/sendMail` accepted, raw: tests read the code it carries from here. */
export interface CapturedMail {
  /** The sender's object id (the URL may name it by UPN). */
  readonly senderId: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly content: string;
  /** The `message` object exactly as sent. */
  readonly message: unknown;
  readonly at: string;
}

/** The kinds of change the emulator records, one action each. */
export type GraphActionKind = "revoke" | "tapCreated" | "tapDeleted" | "patch" | "mail";

/** One change, in arrival order: `userId` is the object id, `at` the emulator clock's ISO time. */
export interface GraphAction {
  readonly kind: GraphActionKind;
  readonly userId: string;
  readonly at: string;
}

/** Counters a test asserts on, e.g. "a second cycle does nothing": `writes` counts every 2xx change. */
export interface GraphCounts {
  revoke: number;
  tapCreated: number;
  tapDeleted: number;
  patch: number;
  mail: number;
  batchEnvelopes: number;
  subRequests: number;
  writes: number;
  tokens: number;
}

/** Options of {@link startGraphEmulator}; only the tenant's users and credentials are required. */
export interface GraphEmulatorOptions {
  /** Port on 127.0.0.1; default 0 (a free port). */
  readonly port?: number;
  readonly users: readonly EmulatedUser[];
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The `roles` claim of issued tokens; default {@link GRAPH_ROLES}. */
  readonly roles?: readonly string[];
  /** Users per page when `$top` is absent; default 100 (Graph's). */
  readonly pageSize?: number;
  /** Wall-clock time for tokens, revokes and passes; default `() => new Date()`. */
  readonly clock?: () => Date;
  /** Serve HTTPS with this key and certificate (PEM) instead of HTTP; MSAL insists on an https authority. */
  readonly tls?: { readonly key: string; readonly cert: string };
  readonly faults?: GraphFaultPlan;
  /** Receives one line per request and per captured mail, with codes, tokens and the secret masked. */
  readonly log?: (line: string) => void;
  /** `expires_in` of issued tokens; default 3599. */
  readonly tokenTtlSeconds?: number;
}
