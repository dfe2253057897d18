import type { GraphReply } from "./graph-reply";
import { graphError, ok } from "./graph-reply";
import type { AuthorisedCall } from "./graph-routes";

/** Graph's cap on the requests of one `$batch`. */
export const MAX_BATCH = 20;
const METHODS = new Set(["GET", "POST", "PATCH", "PUT", "DELETE"]);

interface SubRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * `POST /$batch`: each sub-request answered by `answer` in order, the envelope 200 whatever they answer (429s
 * carry their own `Retry-After`). The whole envelope is 400 for more than {@link MAX_BATCH} requests, a repeated
 * id or a malformed request, as Graph refuses them.
 */
export function answerBatch(
  body: unknown,
  roles: readonly string[],
  answer: (call: AuthorisedCall, id: string) => GraphReply,
): GraphReply {
  const requests = readRequests(body);
  if (typeof requests === "string") return graphError(400, "BadRequest", requests);
  const responses = requests.map((request) => {
    const target = new URL(request.url.startsWith("/") ? request.url : `/${request.url}`, "http://graph");
    const hasBody = request.body !== undefined;
    const contentType = Object.entries(request.headers ?? {}).find(
      ([k]) => k.toLowerCase() === "content-type",
    )?.[1];
    const reply: GraphReply =
      hasBody && contentType === undefined
        ? graphError(
            400,
            "BadRequest",
            "Write request id : " + request.id + " does not contain Content-Type header or body.",
          )
        : answer(
            {
              method: request.method,
              path: decodeURIComponent(target.pathname),
              query: target.searchParams,
              body: request.body,
              roles,
            },
            request.id,
          );
    if (reply.kind === "hang") return { id: request.id, status: 504, headers: {}, body: undefined };
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined) headers["Content-Type"] = "application/json";
    return { id: request.id, status: reply.status, headers, body: reply.body };
  });
  return ok(200, { responses });
}

/** The sub-requests, or the message of the envelope's 400. */
function readRequests(body: unknown): SubRequest[] | string {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) return "Invalid batch payload format: a 'requests' array is required.";
  if (requests.length > MAX_BATCH) {
    return `The number of requests in the batch (${requests.length}) exceeds the maximum of ${MAX_BATCH}.`;
  }
  const seen = new Set<string>();
  for (const [index, raw] of requests.entries()) {
    const request = (raw ?? {}) as Partial<Record<keyof SubRequest, unknown>>;
    if (typeof request.id !== "string" || request.id === "")
      return `Request ${index} of the batch has no id.`;
    if (seen.has(request.id)) return `Batch request contains duplicate id '${request.id}'.`;
    seen.add(request.id);
    if (typeof request.method !== "string" || !METHODS.has(request.method.toUpperCase())) {
      return `Invalid method '${String(request.method)}' in request '${request.id}'.`;
    }
    if (typeof request.url !== "string" || /^[a-z]+:\/\//i.test(request.url)) {
      return `Invalid url in request '${request.id}': a path relative to the version, e.g. /users/{id}.`;
    }
  }
  return (requests as SubRequest[]).map((r) => ({ ...r, method: r.method.toUpperCase() }));
}
