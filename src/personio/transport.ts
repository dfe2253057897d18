import http from "node:http";
import https from "node:https";
import axios, { type AxiosInstance } from "axios";

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

/** A transport failure below HTTP (reset, refused, timeout), carrying only the error code, never the request. */
export class NetworkError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Sends requests over keep-alive connections; statuses are returned, not thrown, so the caller decides. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** An axios-backed {@link Transport} with connection reuse and a per-request timeout. */
export function createTransport(baseUrl: string, timeoutMs: number, maxSockets: number): Transport {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  const client: AxiosInstance = axios.create({
    baseURL: baseUrl.replace(/\/+$/, ""),
    timeout: timeoutMs,
    responseType: "text",
    transformResponse: (data: unknown) => data,
    validateStatus: () => true,
    maxRedirects: 0,
  });
  return async (request) => {
    try {
      const response = await client.request<string>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        signal: request.signal,
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
      // The axios error holds the request config, Authorization header included: keep only its code.
      if (axios.isCancel(error) || request.signal?.aborted) throw new NetworkError("ABORTED");
      const code = axios.isAxiosError(error) ? (error.code ?? "ERR_NETWORK") : "ERR_NETWORK";
      throw new NetworkError(code === "ECONNABORTED" ? "ETIMEDOUT" : code);
    }
  };
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
