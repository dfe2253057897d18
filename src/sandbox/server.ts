import { setMaxListeners } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock } from "../util/clock";
import { TokenStore } from "./auth";
import { loadSampleCompany } from "./company-file";
import { controlRoute } from "./control-routes";
import { EmployeeStore } from "./employee-store";
import { FaultState } from "./faults";
import { type Call, personioError, type Reply, route, type SandboxState } from "./routes";
import type { Sandbox, SandboxCredentials, SandboxOptions, SandboxRequest } from "./types";
import { validateFaultPlan, validateOptions } from "./validate";
import { eventsOf } from "./webhook-events";
import { WebhookSender } from "./webhook-sender";

/** The credentials a sandbox accepts unless told otherwise; the bench and `npm run sandbox` rely on them. */
export const DEFAULT_CREDENTIALS: SandboxCredentials = {
  clientId: "sandbox-client",
  clientSecret: "sandbox-secret",
};
const HOST = "127.0.0.1";
const MAX_BODY_BYTES = 1_000_000;
/** Longer than any client's idle timeout, so the sandbox never closes a connection a client is about to reuse. */
const KEEP_ALIVE_MS = 65_000;

type RecordedRequest = { -readonly [K in keyof SandboxRequest]: SandboxRequest[K] };

/**
 * Starts a Personio v1 API on 127.0.0.1: `POST /v1/auth`, `GET /v1/company/employees`,
 * `GET /v1/company/employees/attributes` and `PATCH /v1/company/employees/{id}` (custom attributes), with the
 * faults of `options.faults`.
 * Example: `const sandbox = await startSandbox({ employees: generateCompany(250) })`, then `sandbox.close()`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  validateOptions(options);
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const state: SandboxState = {
    credentials,
    readable: options.readableAttributes && new Set(["id", ...options.readableAttributes]),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 86_400,
    tokens: new TokenStore(),
    employees: new EmployeeStore(options.employees ?? loadSampleCompany({ today: options.today })),
    faults: new FaultState(options.faults ?? {}),
  };
  const latencyMs = options.latencyMs ?? 0;
  const clock = options.clock ?? systemClock;
  let requests: RecordedRequest[] = [];
  const closing = new AbortController();
  // Every request waiting out its latency listens for the close: many at once is normal, not a leak.
  setMaxListeners(0, closing.signal);
  const webhooks =
    options.webhook === undefined ? undefined : new WebhookSender(options.webhook, clock, closing.signal);
  if (webhooks !== undefined) {
    state.employees.onChange = (changes) => webhooks.send(changes.flatMap(eventsOf));
  }

  const server = http.createServer((req, res) => {
    const url = parseUrl(req.url);
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: url?.pathname ?? req.url ?? "",
      query: url === undefined ? {} : readQuery(url.searchParams),
      status: 0,
      startedAt: clock.now(),
      appId: header(req.headers["x-personio-app-id"]),
    };
    requests.push(record);
    if (url === undefined) {
      record.status = 400;
      req.resume();
      send(req, res, personioError(400, "Malformed request URL"));
      return;
    }
    void answer(req, res, record).catch(() => {
      record.status = 0;
      req.socket.destroy();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;

  async function answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: RecordedRequest,
  ): Promise<void> {
    const body = await readBody(req);
    const reply: Reply =
      body === undefined
        ? {
            kind: "json",
            status: 413,
            body: { success: false, error: { code: 413, message: "Body too large" } },
          }
        : record.path.startsWith("/sandbox/")
          ? controlRoute(state, { ...call(req, record), body })
          : route(state, { ...call(req, record), body });
    record.status = reply.kind === "reset" ? 0 : reply.status;
    if (latencyMs > 0) await clock.sleep(latencyMs, closing.signal);
    send(req, res, reply);
  }

  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;

  return {
    baseUrl: `http://${HOST}:${port}`,
    credentials,
    get requests() {
      return requests;
    },
    setFaults: (faults) => {
      state.faults = new FaultState(validateFaultPlan(faults));
    },
    setEmployees: (employees) => state.employees.replace(employees),
    revokeTokens: () => state.tokens.revokeAll(),
    webhookDeliveries: () => webhooks?.deliveries ?? [],
    webhooksSettled: () => webhooks?.settled() ?? Promise.resolve(),
    clearRequests: () => {
      requests = [];
    },
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function send(req: http.IncomingMessage, res: http.ServerResponse, reply: Reply): void {
  if (reply.kind === "reset") {
    req.socket.resetAndDestroy();
    return;
  }
  const body = reply.kind === "json" ? JSON.stringify(reply.body) : reply.body;
  res.writeHead(reply.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    ...(reply.kind === "json" ? reply.headers : undefined),
  });
  if (reply.kind !== "delivery") res.end(body);
  else if (reply.fault.kind === "truncate") truncate(req, res, Buffer.from(body));
  else trickle(res, Buffer.from(body), reply.fault.intervalMs, reply.fault.bytes);
}

/** Sends the first half of the body, then destroys the socket: the client sees a body shorter than promised. */
function truncate(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
}

/** Sends `bytes` bytes now and every `intervalMs`; stops when the client or the sandbox closes the connection. */
function trickle(res: http.ServerResponse, body: Buffer, intervalMs: number, bytes: number): void {
  let sent = 0;
  const next = (): void => {
    const chunk = body.subarray(sent, sent + bytes);
    sent += chunk.length;
    if (sent >= body.length) {
      clearInterval(timer);
      res.end(chunk);
    } else {
      res.write(chunk);
    }
  };
  const timer = setInterval(next, intervalMs);
  // The interval never holds the process open; the server's own handle decides that.
  timer.unref();
  res.once("close", () => clearInterval(timer));
  next();
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void =>
      reject(new Error(`Sandbox cannot listen on ${HOST}:${port}: ${error.message}`));
    server.once("error", failed);
    server.listen(port, HOST, () => {
      server.off("error", failed);
      resolve();
    });
  });
}

/** The request target as a URL; undefined when `new URL()` rejects it (`//`, `http://[`). */
function parseUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", `http://${HOST}`);
  } catch {
    return undefined;
  }
}

/** The request body as text; undefined when it is larger than Personio would accept. */
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

/** Query parameters; repeated names and `name[]` names become arrays (`attributes[]=a` is `["a"]`). */
function readQuery(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const existing = query[key];
    if (existing === undefined) query[key] = key.endsWith("[]") ? [value] : value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function call(req: http.IncomingMessage, record: RecordedRequest): Omit<Call, "body"> {
  return {
    method: record.method,
    path: record.path,
    query: record.query,
    authorization: header(req.headers.authorization),
    contentType: header(req.headers["content-type"]),
    now: record.startedAt,
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
