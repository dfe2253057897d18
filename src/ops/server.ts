import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One answer of the operations server. */
export interface OpsResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** What the three endpoints answer; each is called per request and must be cheap. */
export interface OpsHandlers {
  healthz(): OpsResponse;
  readyz(): OpsResponse;
  metrics(): Promise<OpsResponse>;
  /** A route that answers the request itself (the Personio webhook receiver); none: that path is 404. */
  readonly webhook?: {
    readonly path: string;
    readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
  };
}

/** A running operations server. */
export interface OpsServer {
  /** `http://host:port`, with the port actually bound (`--listen 127.0.0.1:0` picks a free one). */
  readonly url: string;
  close(): Promise<void>;
}

const ROUTES: Record<string, (handlers: OpsHandlers) => OpsResponse | Promise<OpsResponse>> = {
  "/healthz": (h) => h.healthz(),
  "/readyz": (h) => h.readyz(),
  "/metrics": (h) => h.metrics(),
};

/**
 * Serves GET (and HEAD) `/healthz`, `/readyz` and `/metrics`, and the webhook route when given, nothing else:
 * another path is 404, another method 405. A handler that throws answers 500 and is reported through `onError`; a client that stalls is cut off
 * after a few seconds. Nothing here can throw into the caller once listening.
 */
export async function startOpsServer(
  host: string,
  port: number,
  handlers: OpsHandlers,
  onError: (error: unknown) => void,
): Promise<OpsServer> {
  const server = createServer((request, response) => {
    handle(request, response, handlers).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent) send(response, request, text(500, "internal error"));
      else response.destroy();
    });
  });
  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 5_000;
  await listen(server, host, port);
  server.on("error", onError);
  server.on("clientError", (_error, socket) => socket.destroy());
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  handlers: OpsHandlers,
): Promise<void> {
  const path = (request.url ?? "/").split("?")[0] as string;
  if (handlers.webhook !== undefined && path === handlers.webhook.path)
    return handlers.webhook.handle(request, response);
  const route = ROUTES[path];
  if (route === undefined) return send(response, request, text(404, "not found"));
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    return send(response, request, text(405, "method not allowed"));
  }
  send(response, request, await route(handlers));
}

function send(response: ServerResponse, request: IncomingMessage, answer: OpsResponse): void {
  response.writeHead(answer.status, {
    "Content-Type": answer.contentType,
    "Content-Length": Buffer.byteLength(answer.body),
    "Cache-Control": "no-store",
  });
  response.end(request.method === "HEAD" ? undefined : answer.body);
}

function text(status: number, body: string): OpsResponse {
  return { status, contentType: "text/plain; charset=utf-8", body: `${body}\n` };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}
