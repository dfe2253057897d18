import type { TokenCredential } from "@azure/identity";
import type * as GraphClient from "@microsoft/microsoft-graph-client";
import type { AuthenticationProvider, Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { GraphEndpoint } from "./endpoint";
import { describePath, GraphTransportError } from "./errors";

/** One HTTP answer as the client reads it: status, the header it retries by, and the parsed JSON body. */
export interface GraphAnswer {
  readonly status: number;
  readonly retryAfter: string | undefined;
  /** `undefined` when the body is empty or not JSON. */
  readonly body: unknown;
}

export interface GraphCall {
  readonly method: "GET" | "POST";
  /** Relative to the version root (`/users?$top=999`), or an absolute `@odata.nextLink` under the base URL. */
  readonly path: string;
  readonly body?: unknown;
}

/** One attempt, no retries: statuses are returned; no answer at all throws {@link GraphTransportError}. */
export type GraphSend = (call: GraphCall, signal?: AbortSignal) => Promise<GraphAnswer>;

export interface GraphSendOptions {
  readonly endpoint: GraphEndpoint;
  readonly credential: TokenCredential;
  /** From the attempt's start to the last byte of its answer, token included. */
  readonly deadlineMs: number;
  readonly fetch: typeof fetch;
}

/** What went wrong below HTTP in one attempt, recorded where it happens (the graph-client rewraps errors). */
interface AttemptState {
  tokenFailure?: string;
  networkCode?: string;
}

const ATTEMPT = "personioAzureadAttempt";

/**
 * The Graph SDK, loaded when a Graph client is first made: a run (or a test) without the Graph step never loads
 * it (42 modules).
 */
function graphClient(): typeof GraphClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, typed by the import above
  return require("@microsoft/microsoft-graph-client") as typeof GraphClient;
}

/**
 * Sends one request through `@microsoft/microsoft-graph-client`: its auth middleware (which sends the token only
 * to Graph's hosts and `customHosts`), then a fetch that honours the attempt's signal — the caller's abort or the
 * deadline, whichever comes first. The library's retry and redirect handlers are left out: retries are paced by
 * the injected clock, and a redirect must not carry the token elsewhere.
 */
export function createGraphSend(options: GraphSendOptions): GraphSend {
  const { endpoint, credential, deadlineMs, fetch: fetchImpl } = options;
  const { AuthenticationHandler, AuthenticationHandlerOptions, Client, ResponseType } = graphClient();
  const client = Client.initWithMiddleware({
    middleware: [
      new AuthenticationHandler(tokenProvider(credential, endpoint.scope, {})),
      fetchHandler(fetchImpl),
    ],
    baseUrl: endpoint.baseUrl,
    defaultVersion: "v1.0",
    customHosts: new Set(endpoint.customHosts),
  });
  return async (call, signal) => {
    const path = describePath(call.path);
    if (signal?.aborted) throw new GraphTransportError(call.method, path, "ABORTED");
    const deadline = AbortSignal.timeout(deadlineMs);
    const attemptSignal = signal === undefined ? deadline : AbortSignal.any([signal, deadline]);
    const state: AttemptState = {};
    const provider = tokenProvider(credential, endpoint.scope, state, attemptSignal);
    const request = client
      .api(call.path)
      .responseType(ResponseType.RAW)
      .option("signal", attemptSignal)
      .option("redirect", "manual")
      .option(ATTEMPT, state)
      .middlewareOptions([new AuthenticationHandlerOptions(provider)]);
    try {
      const response = (
        call.method === "GET" ? await request.get() : await request.post(call.body)
      ) as Response;
      const text = await response.text();
      return {
        status: response.status,
        retryAfter: response.headers.get("retry-after") ?? undefined,
        body: json(text),
      };
    } catch {
      if (signal?.aborted) throw new GraphTransportError(call.method, path, "ABORTED");
      if (deadline.aborted)
        throw new GraphTransportError(call.method, path, "ETIMEDOUT", `no answer within ${deadlineMs} ms`);
      if (state.tokenFailure !== undefined)
        throw new GraphTransportError(call.method, path, "TOKEN", state.tokenFailure);
      throw new GraphTransportError(call.method, path, state.networkCode ?? "ERR_NETWORK");
    }
  };
}

/** Token requests under the attempt's signal; a failure is recorded by kind (`AADSTS…` code or error name). */
function tokenProvider(
  credential: TokenCredential,
  scope: string,
  state: AttemptState,
  abortSignal?: AbortSignal,
): AuthenticationProvider {
  return {
    getAccessToken: async () => {
      let token: { token: string } | null;
      try {
        token = await credential.getToken(scope, { abortSignal });
      } catch (error) {
        const name = error instanceof Error ? error.name : "Error";
        const aadsts = error instanceof Error ? /AADSTS\d+/.exec(error.message)?.[0] : undefined;
        state.tokenFailure = aadsts === undefined ? name : `${name} ${aadsts}`;
        throw error;
      }
      if (token === null) {
        state.tokenFailure = "no token";
        throw new Error("no token");
      }
      return token.token;
    },
  };
}

/** The chain's last link: the injected fetch, with the attempt's bookkeeping taken out of the fetch options. */
function fetchHandler(fetchImpl: typeof fetch): Middleware {
  return {
    execute: async (context: Context) => {
      const { [ATTEMPT]: state, ...init } = (context.options ?? {}) as Record<string, unknown>;
      try {
        context.response = await fetchImpl(context.request as string, init as RequestInit);
      } catch (error) {
        const code = (error as { cause?: { code?: unknown } }).cause?.code;
        if (typeof code === "string" && state !== undefined) (state as AttemptState).networkCode = code;
        throw error;
      }
    },
    setNext: () => undefined,
  };
}

function json(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
