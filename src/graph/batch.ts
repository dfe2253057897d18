import { z } from "zod";
import { GraphRequestError, GraphTransportError } from "./errors";
import type { WritePacer } from "./pacer";
import { graphRetryDelayMs, type RetryDeps, sendWithRetry } from "./retry";
import type { GraphRequest, GraphResponse } from "./types";

/** Graph's cap on sub-requests per `$batch` envelope. */
export const MAX_BATCH_SIZE = 20;

/** Sub-responses Graph asks to send again later, each with its own Retry-After. */
const REQUEUED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

const EnvelopeSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/** Throttling and 5xx on the envelope are sent again (as the brief asks); a write in it may then run twice. */
const envelopeRetried = (status: number): boolean => status === 429 || (status >= 500 && status !== 501);

interface Pending {
  readonly request: GraphRequest;
  attempts: number;
  /** Clock time before which it must not be sent again. */
  notBefore: number;
}

/**
 * Sends `requests` in envelopes of at most {@link MAX_BATCH_SIZE}, one envelope at a time, paced by their writes.
 * A sub-response 429/503 goes back into the queue until its own Retry-After has passed, up to
 * `retry.maxAttempts`; any other status is the answer. An envelope that fails after its retries answers status 0
 * for each of its requests, and so does every request still queued when `signal` aborts. Returns one response
 * per request, in the order of `requests`.
 */
export async function runBatch(
  deps: RetryDeps & { readonly pacer: WritePacer },
  requests: readonly GraphRequest[],
  signal?: AbortSignal,
): Promise<GraphResponse[]> {
  assertUniqueIds(requests);
  const answers = new Map<string, GraphResponse>();
  let queue: Pending[] = requests.map((request) => ({ request, attempts: 0, notBefore: -Infinity }));
  while (queue.length > 0 && signal?.aborted !== true) {
    const now = deps.clock.now();
    const earliest = Math.min(...queue.map((pending) => pending.notBefore));
    const wait = Math.max(deps.pacer.readyAt(), earliest) - now;
    if (wait > 0) {
      const slept = await deps.clock.sleep(wait, signal).then(
        () => true,
        () => false,
      );
      if (!slept) break;
      continue;
    }
    const chunk = queue.filter((pending) => pending.notBefore <= now).slice(0, MAX_BATCH_SIZE);
    queue = queue.filter((pending) => !chunk.includes(pending));
    deps.pacer.start(chunk.filter((pending) => pending.request.method !== "GET").length);
    queue.push(...(await sendChunk(deps, chunk, answers, signal)));
  }
  return requests.map((request) => answers.get(request.id) ?? { id: request.id, status: 0 });
}

/** Sends one envelope; records final answers and returns the requests to queue again. */
async function sendChunk(
  deps: RetryDeps,
  chunk: Pending[],
  answers: Map<string, GraphResponse>,
  signal: AbortSignal | undefined,
): Promise<Pending[]> {
  const body = { requests: chunk.map(({ request }) => toSubRequest(request)) };
  chunk.forEach((pending) => pending.attempts++);
  let envelope: z.infer<typeof EnvelopeSchema> | undefined;
  try {
    const answer = await sendWithRetry(
      deps,
      { method: "POST", path: "/$batch", body },
      signal,
      envelopeRetried,
    );
    envelope = EnvelopeSchema.safeParse(answer.body).data;
  } catch (error) {
    if (!(error instanceof GraphRequestError || error instanceof GraphTransportError)) throw error;
  }
  const requeue: Pending[] = [];
  const byId = new Map(envelope?.responses.map((sub) => [sub.id, sub]));
  for (const pending of chunk) {
    const sub = byId.get(pending.request.id);
    if (sub === undefined) {
      answers.set(pending.request.id, { id: pending.request.id, status: 0 });
      continue;
    }
    const delay = REQUEUED_STATUSES.has(sub.status)
      ? graphRetryDelayMs(pending.attempts, sub.status, header(sub.headers, "retry-after"), deps)
      : undefined;
    deps.onRequest?.({
      method: pending.request.method,
      path: `/v1.0/$batch#${pending.request.id}`,
      attempt: pending.attempts,
      outcome: sub.status,
    });
    if (delay !== undefined && pending.attempts < deps.retry.maxAttempts) {
      pending.notBefore = deps.clock.now() + delay;
      requeue.push(pending);
    } else {
      answers.set(pending.request.id, { id: pending.request.id, status: sub.status, body: sub.body });
    }
  }
  return requeue;
}

function toSubRequest(request: GraphRequest): Record<string, unknown> {
  const { id, method, url, body } = request;
  return body === undefined
    ? { id, method, url }
    : { id, method, url, body, headers: { "Content-Type": "application/json" } };
}

function header(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers?.[key];
}

/** `$batch` matches answers to requests by id: two requests with one id could not both be answered. */
function assertUniqueIds(requests: readonly GraphRequest[]): void {
  const seen = new Set<string>();
  for (const { id } of requests) {
    if (id === "" || seen.has(id)) {
      throw new RangeError(
        `Invalid batch request id: ${JSON.stringify(id)}. Allowed: a non-empty id, unique within one batch() call.`,
      );
    }
    seen.add(id);
  }
}
