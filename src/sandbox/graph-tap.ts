import { randomInt, randomUUID } from "node:crypto";
import type { GraphCall, GraphContext } from "./graph-handler";
import { graphError, type GraphReply, isoSeconds, ok } from "./graph-reply";
import type { TapMethod } from "./graph-types";
import { userNotFound } from "./graph-users";

/** Graph's bounds on `lifetimeInMinutes` (10 minutes to 30 days). */
export const TAP_LIFETIME = { min: 10, max: 43_200, default: 60 } as const;
/** Letters and digits that survive being read aloud (no 0/O, 1/l/I). */
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
const CODE_LENGTH = 8;

/** `GET /users/{id}/authentication/temporaryAccessPassMethods`: the passes, with `temporaryAccessPass: null`. */
export function listTaps(ctx: GraphContext, call: GraphCall): GraphReply {
  const id = call.params[0] ?? "";
  const user = ctx.state.user(id);
  if (user === undefined) return userNotFound(id);
  return ok(200, {
    "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#users('${user.id}')/authentication/temporaryAccessPassMethods`,
    value: ctx.state.tapMethods(user.id).map((m) => view(m, null, ctx.now)),
  });
}

/**
 * `POST …/temporaryAccessPassMethods`: 201 with the code, the only time it is shown. One pass per user: a
 * second answers 400, as Graph does.
 */
export function createTap(ctx: GraphContext, call: GraphCall): GraphReply {
  const id = call.params[0] ?? "";
  const user = ctx.state.user(id);
  if (user === undefined) return userNotFound(id);
  const request = readRequest(call.body, ctx.now);
  if (typeof request === "string") return graphError(400, "badRequest", request);
  if (ctx.state.tapMethods(user.id).length > 0) {
    return graphError(
      400,
      "badRequest",
      "A Temporary Access Pass already exists for this user: delete it before creating another.",
    );
  }
  const method: TapMethod = {
    id: randomUUID(),
    code: newCode(),
    createdDateTime: isoSeconds(ctx.now),
    ...request,
  };
  ctx.state.addSecret(method.code);
  ctx.state.setTapMethods(user.id, [method]);
  ctx.state.record("tapCreated", user.id, method.createdDateTime);
  return ok(201, {
    "@odata.context": `${ctx.baseUrl}/v1.0/$metadata#users('${user.id}')/authentication/temporaryAccessPassMethods/$entity`,
    ...view(method, method.code, ctx.now),
  });
}

/** `DELETE …/temporaryAccessPassMethods/{methodId}`: 204, or 404 for a pass the user does not have. */
export function deleteTap(ctx: GraphContext, call: GraphCall): GraphReply {
  const [id = "", methodId = ""] = call.params;
  const user = ctx.state.user(id);
  if (user === undefined) return userNotFound(id);
  const methods = ctx.state.tapMethods(user.id);
  if (!methods.some((m) => m.id === methodId)) {
    return graphError(
      404,
      "itemNotFound",
      `The Temporary Access Pass method '${methodId}' does not exist for this user.`,
    );
  }
  ctx.state.setTapMethods(
    user.id,
    methods.filter((m) => m.id !== methodId),
  );
  ctx.state.record("tapDeleted", user.id, isoSeconds(ctx.now));
  return ok(204);
}

type TapRequest = Pick<TapMethod, "startDateTime" | "lifetimeInMinutes" | "isUsableOnce">;

/** The fields of a create body with Graph's defaults, or the message of a 400. */
function readRequest(body: unknown, now: Date): TapRequest | string {
  const fields = (body ?? {}) as Record<string, unknown>;
  if (typeof fields !== "object" || Array.isArray(fields)) return "The request body must be a JSON object.";
  const { startDateTime, lifetimeInMinutes, isUsableOnce } = fields;
  const start = startDateTime === undefined ? now : new Date(String(startDateTime));
  if (typeof (startDateTime ?? "") !== "string" || Number.isNaN(start.getTime())) {
    return `Invalid startDateTime: ${JSON.stringify(startDateTime)}. Allowed: an ISO 8601 date-time.`;
  }
  const lifetime = lifetimeInMinutes ?? TAP_LIFETIME.default;
  if (
    !Number.isInteger(lifetime) ||
    (lifetime as number) < TAP_LIFETIME.min ||
    (lifetime as number) > TAP_LIFETIME.max
  ) {
    return `Invalid lifetimeInMinutes: ${JSON.stringify(lifetime)}. Allowed: a whole number of minutes ${TAP_LIFETIME.min}-${TAP_LIFETIME.max}.`;
  }
  if (isUsableOnce !== undefined && typeof isUsableOnce !== "boolean") {
    return `Invalid isUsableOnce: ${JSON.stringify(isUsableOnce)}. Allowed: true or false.`;
  }
  return {
    startDateTime: isoSeconds(start),
    lifetimeInMinutes: lifetime as number,
    isUsableOnce: isUsableOnce ?? false,
  };
}

function view(method: TapMethod, code: string | null, now: Date): Record<string, unknown> {
  const start = Date.parse(method.startDateTime);
  const end = start + method.lifetimeInMinutes * 60_000;
  const reason = now.getTime() < start ? "NotYetValid" : now.getTime() >= end ? "Expired" : "EnabledByPolicy";
  return {
    id: method.id,
    temporaryAccessPass: code,
    createdDateTime: method.createdDateTime,
    startDateTime: method.startDateTime,
    lifetimeInMinutes: method.lifetimeInMinutes,
    isUsableOnce: method.isUsableOnce,
    isUsable: reason === "EnabledByPolicy",
    methodUsabilityReason: reason,
  };
}

function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}
