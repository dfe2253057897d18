import { TENANT_USER_FIELDS } from "../graph/types";
import type { GraphCall, GraphContext } from "./graph-handler";
import { graphError, type GraphReply, isoSeconds, ok } from "./graph-reply";
import { EXTENSION_KEYS } from "./graph-state";
import type { EmulatedUser } from "./graph-types";

/** Graph's cap on `$top` for users. */
export const MAX_TOP = 999;
/** The fields Graph sends without `$select` (the emulator knows a subset of a user's). */
const DEFAULT_FIELDS = ["id", "displayName", "mail", "userPrincipalName"];
const KNOWN_FIELDS = new Set<string>([...TENANT_USER_FIELDS, "displayName", "mail"]);
const MAX_ATTRIBUTE_LENGTH = 1024;

/** `GET /users` with `$select`, `$top` and an opaque `$skiptoken` in `@odata.nextLink`. */
export function listUsers(ctx: GraphContext, call: GraphCall): GraphReply {
  const select = call.query.get("$select");
  const fields = selectedFields(select);
  if (!Array.isArray(fields)) return fields;
  const topText = call.query.get("$top");
  const top = topText === null ? ctx.pageSize : /^\d+$/.test(topText) ? Number(topText) : Number.NaN;
  if (!(top >= 1 && top <= MAX_TOP)) {
    return graphError(
      400,
      "Request_UnsupportedQuery",
      `Invalid page size specified: '${topText ?? ""}'. Must be between 1 and ${MAX_TOP} inclusive.`,
    );
  }
  const skipText = call.query.get("$skiptoken");
  const offset = skipText === null ? 0 : readSkipToken(skipText);
  if (offset === undefined)
    return graphError(
      400,
      "Directory_ExpiredPageToken",
      "The specified page token value has expired and can no longer be included in your request.",
    );
  const users = ctx.state.users;
  const page = users.slice(offset, offset + top).map((user) => project(user, fields));
  const projection = [...new Set(["id", ...fields])];
  const body: Record<string, unknown> = {
    "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#users(${projection.join(",")})`,
    value: page,
  };
  if (offset + top < users.length) {
    const next = new URLSearchParams();
    if (select !== null) next.set("$select", select);
    next.set("$top", String(top));
    next.set("$skiptoken", skipToken(offset + top));
    body["@odata.nextLink"] = `${ctx.baseUrl}/v1.0/users?${next.toString()}`;
  }
  return ok(200, body);
}

/** `GET /users/{id | upn}` with `$select`: one user, or 404. */
export function getUser(ctx: GraphContext, call: GraphCall): GraphReply {
  const fields = selectedFields(call.query.get("$select"));
  if (!Array.isArray(fields)) return fields;
  const id = call.params[0] ?? "";
  const user = ctx.state.user(id);
  if (user === undefined) return userNotFound(id);
  return ok(200, {
    "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#users(${[...new Set(["id", ...fields])].join(",")})/$entity`,
    ...project(user, fields),
  });
}

/** The fields of `$select` (Graph's defaults without one), or the 400 naming one the emulator does not know. */
function selectedFields(select: string | null): string[] | GraphReply {
  const fields = select === null ? DEFAULT_FIELDS : select.split(",").map((f) => f.trim());
  const unknown = fields.find((f) => !KNOWN_FIELDS.has(f));
  if (unknown === undefined) return fields;
  return graphError(
    400,
    "Request_BadRequest",
    `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`,
  );
}

/**
 * Only the selected fields, and always `id`, as Graph answers `$select`. A user with a mailbox and no `mail` of
 * its own shows its UPN there, as Exchange Online sets the primary address.
 */
function project(user: EmulatedUser, fields: readonly string[]): Record<string, unknown> {
  const mail = user.mail ?? (user.mailbox === true ? user.userPrincipalName : null);
  const record = { ...user, mail } as unknown as Record<string, unknown>;
  return Object.fromEntries(["id", ...fields.filter((f) => f !== "id")].map((f) => [f, record[f] ?? null]));
}

function skipToken(offset: number): string {
  return Buffer.from(`emulator:${offset}`).toString("base64url");
}

function readSkipToken(token: string): number | undefined {
  const match = /^emulator:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  return match === null ? undefined : Number(match[1]);
}

/** 404 in Graph's words for an id or UPN the tenant does not hold. */
export function userNotFound(id: string): GraphReply {
  return graphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** `POST /users/{id}/revokeSignInSessions`: sessions before now are invalid; 200 `{value: true}`. */
export function revokeSessions(ctx: GraphContext, call: GraphCall): GraphReply {
  const id = call.params[0] ?? "";
  const user = ctx.state.user(id);
  if (user === undefined) return userNotFound(id);
  const now = isoSeconds(ctx.now);
  ctx.state.update(user.id, { signInSessionsValidFromDateTime: now });
  ctx.state.record("revoke", user.id, now);
  return ok(200, { "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#Edm.Boolean`, value: true });
}

/**
 * `PATCH /users/{id}` of `onPremisesExtensionAttributes` (and `accountEnabled`): 204; a null value clears one.
 * Synced users answer 400: their attributes are mastered on-premises.
 */
export function patchUser(ctx: GraphContext, call: GraphCall): GraphReply {
  const id = call.params[0] ?? "";
  const user = ctx.state.user(id);
  if (user === undefined) return userNotFound(id);
  if (typeof call.body !== "object" || call.body === null || Array.isArray(call.body)) {
    return graphError(400, "BadRequest", "Empty Payload. JSON content expected.");
  }
  const patch = call.body as Record<string, unknown>;
  const invalid = Object.keys(patch).find(
    (k) => k !== "onPremisesExtensionAttributes" && k !== "accountEnabled",
  );
  if (invalid !== undefined) return graphError(400, "Request_BadRequest", `Invalid property '${invalid}'.`);
  if ("accountEnabled" in patch && typeof patch["accountEnabled"] !== "boolean") {
    return graphError(
      400,
      "Request_BadRequest",
      "Invalid value specified for property 'accountEnabled' of resource 'User'.",
    );
  }
  const attributes = readAttributes(patch["onPremisesExtensionAttributes"]);
  if (typeof attributes === "string") return graphError(400, "Request_BadRequest", attributes);
  if (user.onPremisesSyncEnabled === true) {
    return graphError(
      400,
      "Request_BadRequest",
      "Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.",
    );
  }
  const merged = {
    ...Object.fromEntries(EXTENSION_KEYS.map((k) => [k, null])),
    ...user.onPremisesExtensionAttributes,
    ...attributes,
  };
  const change: Partial<EmulatedUser> =
    attributes === undefined ? {} : { onPremisesExtensionAttributes: merged };
  const enabled = patch["accountEnabled"];
  ctx.state.update(user.id, typeof enabled === "boolean" ? { ...change, accountEnabled: enabled } : change);
  ctx.state.record("patch", user.id, isoSeconds(ctx.now));
  return ok(204);
}

/** The extension attributes of a PATCH body, or the message of a 400. */
function readAttributes(value: unknown): Record<string, string | null> | undefined | string {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "Invalid value specified for property 'onPremisesExtensionAttributes' of resource 'User'.";
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries) {
    if (!EXTENSION_KEYS.includes(key)) return `Invalid property '${key}'.`;
    if (v !== null && (typeof v !== "string" || v.length > MAX_ATTRIBUTE_LENGTH)) {
      return `Invalid value specified for property '${key}' of resource 'OnPremisesExtensionAttributes'.`;
    }
  }
  return Object.fromEntries(entries) as Record<string, string | null>;
}
