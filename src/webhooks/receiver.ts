import type { IncomingMessage, ServerResponse } from "node:http";
import { authorized } from "./auth";
import { readDelivery } from "./delivery";

/** How a delivery was answered: 202, 401, 202 (an event that changes no account), 400/405/413, 429. */
export type DeliveryOutcome = "accepted" | "unauthorized" | "ignored" | "rejected" | "throttled";
export const DELIVERY_OUTCOMES: readonly DeliveryOutcome[] = [
  "accepted",
  "unauthorized",
  "ignored",
  "rejected",
  "throttled",
];

/** The largest body read; a longer one is answered 413 and not read further. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ReceiverOptions {
  /** `PERSONIO_WEBHOOK_TOKEN`: the `Authorization` header must be it, or `Bearer ` + it. */
  readonly token: string;
  /** Takes the person id of an accepted delivery (the debounce queue). */
  readonly enqueue: (personId: string) => void;
  /** Whether one more delivery may be handled now (a token bucket); false answers 429. */
  readonly admit: () => boolean;
  /** Told every outcome, with the event name or the one-line reason where there is one; ids, never content. */
  readonly onDelivery: (outcome: DeliveryOutcome, detail?: string) => void;
  readonly maxBodyBytes?: number;
}

/**
 * The handler of `POST /webhooks/personio`: checks the token before reading anything, throttles, reads at most
 * `maxBodyBytes`, parses the envelope, hands the person id to the queue, and answers 202 — no cycle runs before
 * the answer, so Personio's 3-second limit is met. Early answers close the connection, so an unread body is
 * never drained.
 */
export function webhookReceiver(
  options: ReceiverOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const maxBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const answer: Answer = (response, outcome, status, body, headers = {}, detail = body) => {
    options.onDelivery(outcome, outcome === "accepted" || outcome === "throttled" ? undefined : detail);
    reply(response, status, body, headers);
  };
  return (request, response) => {
    if (request.method !== "POST")
      return answer(response, "rejected", 405, "method not allowed", { Allow: "POST", Connection: "close" });
    if (!authorized(request.headers.authorization, options.token))
      return answer(response, "unauthorized", 401, "unauthorized", {
        "WWW-Authenticate": "Bearer",
        Connection: "close",
      });
    if (!options.admit())
      return answer(response, "throttled", 429, "too many requests", {
        "Retry-After": "1",
        Connection: "close",
      });
    if (Number(request.headers["content-length"] ?? 0) > maxBytes)
      return tooLarge(response, maxBytes, answer);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        request.pause();
        return tooLarge(response, maxBytes, answer);
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (done) return;
      done = true;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(response, "rejected", 400, "Invalid webhook body: not JSON. Allowed: a JSON object.");
      }
      const delivery = readDelivery(body);
      if (delivery.kind === "rejected") return answer(response, "rejected", 400, delivery.reason);
      if (delivery.kind === "ignored") return answer(response, "ignored", 202, "ignored", {}, delivery.event);
      options.enqueue(delivery.personId);
      answer(response, "accepted", 202, "accepted");
    });
  };
}

type Answer = (
  response: ServerResponse,
  outcome: DeliveryOutcome,
  status: number,
  body: string,
  headers?: Record<string, string>,
  detail?: string,
) => void;

function tooLarge(response: ServerResponse, maxBytes: number, answer: Answer): void {
  answer(
    response,
    "rejected",
    413,
    `Webhook body too large: over ${maxBytes} bytes. Allowed: up to ${maxBytes} bytes.`,
    {
      Connection: "close",
    },
  );
  response.on("finish", () => response.socket?.destroySoon());
}

function reply(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string>,
): void {
  const text = `${body}\n`;
  response.writeHead(status, {
    ...headers,
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  });
  response.end(text);
}
