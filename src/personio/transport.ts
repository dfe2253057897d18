import http from "node:http";
import https from "node:https";
import axios, { type AxiosInstance } from "axios";
import { BODY_TRUNCATED } from "./retry-policy";

/** One HTTP exchange as the client needs it: status, the headers it reads, and the raw body. */
export interface HttpResponse {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly body: string;
}

export interface HttpRequest {
  readonly method: "GET" | "POST" | "PATCH";
  /** Path with query string, appended to the base URL. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Called as soon as the response headers arrive: proof that the server has received the request. */
  readonly onAnswered?: () => void;
}

/**
 * A transport failure below HTTP (reset, refused, timeout, a body cut off), carrying only the error code and a
 * fixed description, never the request. `ABORTED` is the caller's own abort; a passed deadline is `ETIMEDOUT`.
 */
export class NetworkError extends Error {
  constructor(
    readonly code: string,
    /** What the code means here when it is not obvious, e.g. `no complete answer within 60000 ms`. */
    readonly detail?: string,
  ) {
    super(detail === undefined ? code : `${code}: ${detail}`);
  }
}

/** A response body over {@link TransportLimits.maxResponseBytes}, cut off while streaming; not transient. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`response larger than ${describeBytes(limitBytes)}`);
  }
}

/**
 * A byte count for messages: whole mebibytes as MB, anything else in bytes.
 * @example describeBytes(64 * 1024 * 1024) === "64 MB"; describeBytes(1500) === "1500 bytes"
 */
export function describeBytes(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} bytes`;
}

const MB = 1024 * 1024;

/** Sends requests over keep-alive connections; statuses are returned, not thrown, so the caller decides. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** How long one attempt may take. */
export interface TransportLimits {
  /** No byte sent or received for this long fails the attempt (`ETIMEDOUT`). */
  readonly idleTimeoutMs: number;
  /** From the request's start to the response's last byte; past it the attempt fails (`ETIMEDOUT`). */
  readonly deadlineMs: number;
  readonly maxSockets: number;
  /** The most body bytes (after decompression) one response may have; more fails it while streaming. */
  readonly maxResponseBytes: number;
}

/**
 * An axios-backed {@link Transport} with connection reuse, an idle timeout and an overall deadline per attempt:
 * a server that trickles a byte every few seconds never trips the idle timeout, but it does trip the deadline.
 */
export function createTransport(baseUrl: string, limits: TransportLimits): Transport {
  const { idleTimeoutMs, deadlineMs, maxSockets, maxResponseBytes } = limits;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  const client: AxiosInstance = axios.create({
    baseURL: baseUrl.replace(/\/+$/, ""),
    timeout: idleTimeoutMs,
    responseType: "text",
    transformResponse: (data: unknown) => data,
    validateStatus: () => true,
    maxRedirects: 0,
    // axios counts the bytes as they arrive and destroys the stream past the limit: memory stays bounded.
    maxContentLength: maxResponseBytes,
  });
  return async (request) => {
    const attempt = new AbortController();
    let deadlinePassed = false;
    const timer = setTimeout(() => {
      deadlinePassed = true;
      attempt.abort();
    }, deadlineMs);
    timer.unref();
    const forwardAbort = (): void => attempt.abort();
    request.signal?.addEventListener("abort", forwardAbort, { once: true });
    if (request.signal?.aborted) attempt.abort();
    try {
      const response = await client.request<string>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        signal: attempt.signal,
        httpAgent: notifyingAgent(httpAgent, request.onAnswered),
        httpsAgent: notifyingAgent(httpsAgent, request.onAnswered),
      });
      const retryAfter = response.headers["retry-after"];
      return {
        status: response.status,
        retryAfter: typeof retryAfter === "string" ? retryAfter : undefined,
        body: typeof response.data === "string" ? response.data : "",
      };
    } catch (error) {
      if (request.signal?.aborted !== true && !deadlinePassed && isTooLarge(error)) {
        throw new ResponseTooLargeError(maxResponseBytes);
      }
      throw toNetworkError(error, request.signal?.aborted === true, deadlinePassed, deadlineMs);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", forwardAbort);
    }
  };
}

/** axios 1.x reports a body over `maxContentLength` as ERR_BAD_RESPONSE "maxContentLength size of N exceeded". */
function isTooLarge(error: unknown): boolean {
  return (
    axios.isAxiosError(error) &&
    error.code === "ERR_BAD_RESPONSE" &&
    error.message.startsWith("maxContentLength size of ")
  );
}

/**
 * The axios error reduced to a code: it holds the request config, Authorization header included.
 * The caller's abort wins over a deadline that passed at the same moment, as the caller no longer waits.
 */
function toNetworkError(
  error: unknown,
  callerAborted: boolean,
  deadlinePassed: boolean,
  deadlineMs: number,
): NetworkError {
  if (callerAborted) return new NetworkError("ABORTED");
  if (deadlinePassed) return new NetworkError("ETIMEDOUT", `no complete answer within ${deadlineMs} ms`);
  if (axios.isCancel(error)) return new NetworkError("ABORTED");
  if (!axios.isAxiosError(error)) return new NetworkError("ERR_NETWORK");
  // axios 1.x reports a response stream that closed early as ERR_BAD_RESPONSE "stream has been aborted".
  if (error.code === "ERR_BAD_RESPONSE" && error.message === "stream has been aborted") {
    return new NetworkError(BODY_TRUNCATED, "the connection closed before the whole body arrived");
  }
  const code = error.code ?? "ERR_NETWORK";
  return new NetworkError(code === "ECONNABORTED" ? "ETIMEDOUT" : code);
}

/**
 * The shared keep-alive agent, seen through a per-request view that reports when the response headers arrive,
 * before the body is read and parsed: the earliest moment the client knows the server has the request.
 */
function notifyingAgent<A extends http.Agent>(agent: A, onAnswered: (() => void) | undefined): A {
  if (onAnswered === undefined) return agent;
  // addRequest is how http.ClientRequest hands itself to an agent; @types/node does not declare it.
  const shared = agent as unknown as AgentInternals;
  const view = Object.create(agent) as AgentInternals;
  view.addRequest = (req, options) => {
    req.once("response", onAnswered);
    shared.addRequest(req, options);
  };
  return view as unknown as A;
}

interface AgentInternals {
  addRequest(req: http.ClientRequest, options: http.RequestOptions): void;
}
