import type { GraphCall, GraphContext } from "./graph-handler";
import { graphError, type GraphReply, isoSeconds, ok } from "./graph-reply";

/** How much of a body a log line shows. */
const PREVIEW_CHARS = 200;

/**
 * `POST /users/{sender}/sendMail`: 202, the message kept raw in `state.mail` and logged with every pass code
 * masked. The sender must exist (404 `ErrorInvalidUser`) and have a mailbox (404 `MailboxNotEnabledForRESTAPI`).
 */
export function sendMail(ctx: GraphContext, call: GraphCall): GraphReply {
  const senderName = call.params[0] ?? "";
  const sender = ctx.state.user(senderName);
  if (sender === undefined)
    return graphError(404, "ErrorInvalidUser", `The requested user '${senderName}' is invalid.`);
  if (sender.mailbox !== true) {
    return graphError(
      404,
      "MailboxNotEnabledForRESTAPI",
      "The mailbox is either inactive, soft-deleted, or is hosted on-premise.",
    );
  }
  const message = (call.body as { message?: unknown } | undefined)?.message;
  if (typeof message !== "object" || message === null) {
    return graphError(
      400,
      "ErrorInvalidRequest",
      "Cannot read the request body: a 'message' object is required.",
    );
  }
  const fields = message as { subject?: unknown; body?: { content?: unknown }; toRecipients?: unknown };
  const to = recipients(fields.toRecipients);
  if (to === undefined) {
    return graphError(
      400,
      "ErrorInvalidRecipients",
      "At least one recipient is not valid., Recipient is missing or has no address.",
    );
  }
  const subject = typeof fields.subject === "string" ? fields.subject : "";
  const content = typeof fields.body?.content === "string" ? fields.body.content : "";
  const at = isoSeconds(ctx.now);
  ctx.state.mail.push({ senderId: sender.id, to, subject, content, message, at });
  ctx.state.record("mail", sender.id, at);
  const preview = content.length > PREVIEW_CHARS ? `${content.slice(0, PREVIEW_CHARS)}…` : content;
  ctx.log(
    `mail from ${sender.id} to ${to.length} recipient(s): ${JSON.stringify(subject)} ${JSON.stringify(preview)}`,
  );
  return ok(202);
}

/** The addresses of `toRecipients`; undefined when there is none or one has no address. */
function recipients(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const addresses = value.map(
    (r) => (r as { emailAddress?: { address?: unknown } } | null)?.emailAddress?.address,
  );
  return addresses.every((a): a is string => typeof a === "string" && a.includes("@"))
    ? addresses
    : undefined;
}
