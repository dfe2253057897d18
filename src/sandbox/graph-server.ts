import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { answerBatch } from "./graph-batch";
import { GraphFaults } from "./graph-faults";
import type { GraphContext } from "./graph-handler";
import { graphError, type GraphReply } from "./graph-reply";
import { routeApi } from "./graph-routes";
import { GraphState } from "./graph-state";
import { routeToken, TokenRegistry } from "./graph-token";
import { GRAPH_ROLES, type GraphEmulatorOptions } from "./graph-types";

/** A running emulator: its API root, the `authorityHost` for `@azure/identity`, its state and faults. */
export interface GraphEmulator {
  /** The Graph root without the version: `http://127.0.0.1:PORT` (`GRAPH_ENDPOINT`). */
  readonly url: string;
  /** The same origin: `AZURE_AUTHORITY_HOST`. */
  readonly authorityHost: string;
  readonly state: GraphState;
  readonly faults: GraphFaults;
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
/** Graph refuses request bodies above 4 MB. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const API_PREFIX = "/v1.0";

/**
 * Starts a Microsoft Graph emulator on 127.0.0.1: Entra's token side for `@azure/identity` and the users,
 * `$batch`, revoke, Temporary Access Pass, extension attribute and sendMail endpoints of `/v1.0`.
 * Example: `const graph = await startGraphEmulator({ users, tenantId, clientId, clientSecret })`, then `graph.close()`.
 */
export async function startGraphEmulator(options: GraphEmulatorOptions): Promise<GraphEmulator> {
  const state = new GraphState(options.users, options.roles ?? GRAPH_ROLES, options.clientSecret);
  const faults = new GraphFaults(options.faults);
  const tokens = new TokenRegistry();
  const clock = options.clock ?? (() => new Date());
  const sink = options.log ?? (() => undefined);
  const log = (line: string): void => sink(state.mask(line));
  const pageSize = options.pageSize ?? 100;
  let baseUrl = "";

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void answer(req).then(
      (reply) => {
        const path = (req.url ?? "").split("?")[0] ?? "";
        log(`${req.method ?? "GET"} ${path} ${reply.kind === "hang" ? "(never answered)" : reply.status}`);
        if (reply.kind !== "hang") send(res, reply);
      },
      () => req.socket.destroy(),
    );
  };

  async function answer(req: http.IncomingMessage): Promise<GraphReply> {
    const url = new URL(req.url ?? "/", `http://${HOST}`);
    const method = req.method ?? "GET";
    const text = await readBody(req);
    if (text === undefined)
      return graphError(
        413,
        "RequestEntityTooLarge",
        `The request body exceeds the maximum of ${MAX_BODY_BYTES} bytes.`,
      );
    const injected = faults.atRequest(url.pathname);
    if (injected !== undefined) return injected;
    const now = clock();
    const token = routeToken(
      {
        baseUrl,
        tenantId: options.tenantId,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        tokenTtlSeconds: options.tokenTtlSeconds ?? 3599,
        state,
        tokens,
        now,
      },
      method,
      url.pathname,
      text,
    );
    if (token !== undefined) return token;
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) {
      return graphError(
        404,
        "NotFound",
        `Resource not found: ${url.pathname}. Allowed: /v1.0/… and the login endpoints.`,
      );
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (bearer === undefined) return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
    const claims = tokens.valid(bearer, now.getTime());
    if (claims === undefined)
      return graphError(
        401,
        "InvalidAuthenticationToken",
        "Access token validation failure. Invalid audience or expired token.",
      );
    const body = parseJson(text);
    if (body === INVALID) {
      return graphError(
        400,
        "BadRequest",
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
      );
    }
    const ctx: GraphContext = { baseUrl, state, pageSize, now, log };
    const path = decodeURIComponent(url.pathname.slice(API_PREFIX.length));
    if (path === "/$batch") {
      if (method !== "POST")
        return graphError(
          405,
          "Request_BadRequest",
          `The method ${method} is not allowed on /$batch. Allowed: POST.`,
        );
      state.counts.batchEnvelopes++;
      return answerBatch(body, claims.roles, (call, id) => {
        state.counts.subRequests++;
        const reply = routeApi(ctx, faults, call);
        log(`  $batch[${id}] ${call.method} ${call.path} ${reply.kind === "hang" ? "-" : reply.status}`);
        return reply;
      });
    }
    return routeApi(ctx, faults, { method, path, query: url.searchParams, body, roles: claims.roles });
  }

  const server =
    options.tls === undefined
      ? http.createServer(handler)
      : https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler);
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  baseUrl = `${options.tls === undefined ? "http" : "https"}://${HOST}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    authorityHost: baseUrl,
    state,
    faults,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

const INVALID = Symbol("invalid JSON");

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

function send(res: http.ServerResponse, reply: Extract<GraphReply, { kind: "json" }>): void {
  const body = reply.body === undefined ? "" : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(body === "" ? {} : { "Content-Type": "application/json" }),
    "Content-Length": Buffer.byteLength(body),
    ...reply.headers,
  });
  res.end(body);
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void =>
      reject(new Error(`Graph emulator cannot listen on ${HOST}:${port}: ${error.message}`));
    server.once("error", failed);
    server.listen(port, HOST, () => {
      server.off("error", failed);
      resolve();
    });
  });
}

/** The body as text; undefined above {@link MAX_BODY_BYTES}. */
async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
