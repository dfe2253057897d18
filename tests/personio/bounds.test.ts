import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  PersonioClient,
  type PersonioClientOptions,
  PersonioResponseTooLargeError,
  PersonioTransportError,
} from "../../src/personio";
import { generateCompany } from "../../src/sandbox";
import { caught, FAST_RETRY, until } from "./harness";

/** A bare HTTP server on 127.0.0.1 whose handler may never answer; close() drops the hanging connections. */
interface Server {
  readonly baseUrl: string;
  readonly requests: string[];
  close(): Promise<void>;
}

let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<Server> {
  const requests: string[] = [];
  const httpServer = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      httpServer.closeAllConnections();
      return new Promise((resolve) => httpServer.close(() => resolve()));
    },
  };
}

function clientOf(baseUrl: string, options: Partial<PersonioClientOptions> = {}): PersonioClient {
  return new PersonioClient({
    baseUrl,
    clientId: "id",
    clientSecret: "secret",
    appId: "PERSONIO_AZUREAD_TEST",
    retry: FAST_RETRY,
    rateLimit: false,
    ...options,
  });
}

const AUTH = "POST /v1/auth";

describe("a token endpoint that accepts and never answers", () => {
  const neverAnswers = (): void => undefined;

  it("fails the listing as aborted once the caller's signal aborts, without retrying", async () => {
    server = await startServer(neverAnswers);
    const client = clientOf(server.baseUrl, { timeoutMs: 600_000, deadlineMs: 600_000 });
    const controller = new AbortController();
    const listing = caught(client.listEmployees({ signal: controller.signal }));
    await until(() => server?.requests.length === 1);
    controller.abort();
    const error = await listing;
    expect(error).toBeInstanceOf(PersonioTransportError);
    expect(error.message).toBe("Personio GET /v1/company/employees offset=0: aborted (after 1 attempt)");
    expect(server.requests).toEqual([AUTH]);
  });

  it("fails a PATCH as aborted once the caller's signal aborts", async () => {
    server = await startServer(neverAnswers);
    const client = clientOf(server.baseUrl, { timeoutMs: 600_000, deadlineMs: 600_000 });
    const controller = new AbortController();
    const update = caught(client.updateCustomAttribute(7, "dynamic_1", "x", controller.signal));
    await until(() => server?.requests.length === 1);
    controller.abort();
    const error = await update;
    expect(error).toBeInstanceOf(PersonioTransportError);
    expect(error.message).toBe("Personio PATCH /v1/company/employees/7: aborted (after 1 attempt)");
    expect(server.requests).toEqual([AUTH]);
  });

  it("fails the attribute listing as aborted once the caller's signal aborts", async () => {
    server = await startServer(neverAnswers);
    const client = clientOf(server.baseUrl, { timeoutMs: 600_000, deadlineMs: 600_000 });
    const controller = new AbortController();
    const listing = caught(client.listAttributes(controller.signal));
    await until(() => server?.requests.length === 1);
    controller.abort();
    const error = await listing;
    expect(error).toBeInstanceOf(PersonioTransportError);
    expect(error.message).toBe("Personio GET /v1/company/employees/attributes: aborted (after 1 attempt)");
    expect(server.requests).toEqual([AUTH]);
  });

  it("fails the listing at the deadline of each auth attempt, naming the auth request", async () => {
    server = await startServer(neverAnswers);
    const client = clientOf(server.baseUrl, {
      timeoutMs: 600_000,
      deadlineMs: 50,
      retry: { ...FAST_RETRY, maxAttempts: 2 },
    });
    const error = await caught(client.listEmployees());
    expect(error).toBeInstanceOf(PersonioTransportError);
    expect(error.message).toBe(
      "Personio POST /v1/auth: ETIMEDOUT: no complete answer within 50 ms (after 2 attempts)",
    );
    expect(server.requests).toEqual([AUTH, AUTH]);
  });
});

describe("a response over maxResponseBytes", () => {
  const authBody = JSON.stringify({ success: true, data: { token: "t", expires_in: 86_400 } });
  const pageBody = JSON.stringify({
    success: true,
    metadata: { total_elements: 3 },
    offset: 0,
    limit: 100,
    data: generateCompany(3, 1),
  });
  /** Answers the token request and the one page with fixed bodies of known length. */
  const fixedBodies = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.setHeader("Content-Type", "application/json");
    res.end(req.url === "/v1/auth" ? authBody : pageBody);
  };
  const pageBytes = Buffer.byteLength(pageBody);

  it("lists a page exactly at the limit", async () => {
    server = await startServer(fixedBodies);
    const client = clientOf(server.baseUrl, { maxResponseBytes: pageBytes });
    expect((await client.listEmployees()).map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it("fails the listing one byte over the limit, naming request and limit, without retrying", async () => {
    server = await startServer(fixedBodies);
    const outcomes: (number | string)[] = [];
    const client = clientOf(server.baseUrl, {
      maxResponseBytes: pageBytes - 1,
      onRequest: (event) => outcomes.push(event.outcome),
    });
    const error = await caught(client.listEmployees());
    expect(error).toBeInstanceOf(PersonioResponseTooLargeError);
    expect(error.message).toBe(
      `Personio GET /v1/company/employees offset=0: response larger than ${pageBytes - 1} bytes (the Personio ` +
        `client's maxResponseBytes, ${pageBytes - 1} bytes; no flag or stack config sets it): a page of 100 ` +
        "employees is far smaller; check the base URL (personio.baseUrl, PERSONIO_BASE_URL)",
    );
    expect(server.requests).toEqual([AUTH, "GET /v1/company/employees?limit=100&offset=0"]);
    expect(outcomes).toEqual([200, "ERR_RESPONSE_TOO_LARGE"]);
  });

  it("stops reading a body that never ends at the limit, in MB", async () => {
    server = await startServer((req, res) => {
      if (req.url === "/v1/auth") return void res.end(authBody);
      const chunk = Buffer.alloc(64 * 1024, " ");
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    });
    const client = clientOf(server.baseUrl, { maxResponseBytes: 1024 * 1024 });
    const error = await caught(client.listEmployees());
    expect(error).toBeInstanceOf(PersonioResponseTooLargeError);
    expect(error.message).toBe(
      "Personio GET /v1/company/employees offset=0: response larger than 1 MB (the Personio client's " +
        "maxResponseBytes, 1048576 bytes; no flag or stack config sets it): a page of 100 employees is far " +
        "smaller; check the base URL (personio.baseUrl, PERSONIO_BASE_URL)",
    );
    expect(server.requests).toEqual([AUTH, "GET /v1/company/employees?limit=100&offset=0"]);
  });

  it.each([0, 1.5, 256 * 1024 * 1024 + 1])("fails when maxResponseBytes is %p", (value) => {
    expect(() => clientOf("https://api.personio.de", { maxResponseBytes: value })).toThrow(
      `Invalid Personio client option maxResponseBytes: ${value}. Allowed: whole bytes 1-268435456 (256 MB).`,
    );
  });
});
