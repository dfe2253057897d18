import { request } from "node:http";
import { startOpsServer, type OpsHandlers, type OpsServer } from "../../src/ops/server";

const handlers: OpsHandlers = {
  healthz: () => ({ status: 200, contentType: "application/json", body: '{"alive":true}\n' }),
  readyz: () => ({ status: 503, contentType: "application/json", body: '{"ready":false}\n' }),
  metrics: async () => ({ status: 200, contentType: "text/plain; version=0.0.4", body: "m 1\n" }),
};

let server: OpsServer;
const errors: unknown[] = [];
beforeEach(async () => {
  errors.length = 0;
  server = await startOpsServer("127.0.0.1", 0, handlers, (e) => errors.push(e));
});
afterEach(() => server.close());

function call(
  method: string,
  path: string,
): Promise<{ status: number; body: string; allow?: string; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          ...(res.headers.allow === undefined ? {} : { allow: res.headers.allow }),
          ...(res.headers["content-type"] === undefined ? {} : { type: res.headers["content-type"] }),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the operations server", () => {
  it("binds a free port when asked for port 0", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ["GET", "/healthz", { status: 200, body: '{"alive":true}\n', type: "application/json" }],
    ["GET", "/readyz", { status: 503, body: '{"ready":false}\n', type: "application/json" }],
    ["GET", "/metrics", { status: 200, body: "m 1\n", type: "text/plain; version=0.0.4" }],
    ["GET", "/metrics?x=1", { status: 200, body: "m 1\n", type: "text/plain; version=0.0.4" }],
    ["HEAD", "/readyz", { status: 503, body: "", type: "application/json" }],
    ["GET", "/", { status: 404, body: "not found\n", type: "text/plain; charset=utf-8" }],
    ["GET", "/metrics/", { status: 404, body: "not found\n", type: "text/plain; charset=utf-8" }],
    ["GET", "/debug/pprof", { status: 404, body: "not found\n", type: "text/plain; charset=utf-8" }],
    [
      "POST",
      "/healthz",
      { status: 405, body: "method not allowed\n", allow: "GET, HEAD", type: "text/plain; charset=utf-8" },
    ],
    [
      "DELETE",
      "/metrics",
      { status: 405, body: "method not allowed\n", allow: "GET, HEAD", type: "text/plain; charset=utf-8" },
    ],
  ])("%s %s", async (method, path, expected) => {
    expect(await call(method, path)).toEqual(expected);
  });

  it("answers 500 and reports a handler that throws, and keeps serving", async () => {
    await server.close();
    server = await startOpsServer(
      "127.0.0.1",
      0,
      { ...handlers, metrics: () => Promise.reject(new Error("boom")) },
      (e) => errors.push(e),
    );
    expect(await call("GET", "/metrics")).toEqual({
      status: 500,
      body: "internal error\n",
      type: "text/plain; charset=utf-8",
    });
    expect(errors).toEqual([new Error("boom")]);
    expect((await call("GET", "/healthz")).status).toBe(200);
  });

  it("fails to start on a port that is taken", async () => {
    const port = Number(new URL(server.url).port);
    await expect(startOpsServer("127.0.0.1", port, handlers, () => undefined)).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
  });
});
