import http from "node:http";
import { startSandbox } from "../../src/sandbox";
import { call, EMPLOYEES, get, login, useSandboxes } from "./http";

const start = useSandboxes();

describe("the sandbox server", () => {
  it("answers 404 for an unknown path and 405 for a wrong method, in Personio's error shape", async () => {
    const s = await start();
    const missing = await call(s, "/v2/persons");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      success: false,
      error: { code: 404, message: "Not found: GET /v2/persons" },
    });
    const wrong = await call(s, EMPLOYEES, { method: "POST" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect(wrong.body).toEqual({
      success: false,
      error: { code: 405, message: "Method POST is not allowed on /v1/company/employees" },
    });
  });

  it("refuses revoked tokens until the client authenticates again", async () => {
    const s = await start();
    const old = await login(s);
    s.revokeTokens();
    expect((await get(s, EMPLOYEES, old)).status).toBe(401);
    expect((await get(s, EMPLOYEES, await login(s))).status).toBe(200);
  });

  it("waits latencyMs on its clock before every answer", async () => {
    const sleeps: number[] = [];
    const s = await start({
      latencyMs: 120,
      clock: { now: () => 0, sleep: (ms) => (sleeps.push(ms), Promise.resolve()) },
    });
    const token = await login(s);
    expect(sleeps).toEqual([120]);
    expect((await get(s, EMPLOYEES, token)).status).toBe(200);
    expect(sleeps).toEqual([120, 120]);
  });

  it("keeps connections alive between requests", async () => {
    const s = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const reused = (): Promise<boolean> =>
      new Promise((resolve, reject) => {
        const request = http.get(`${s.baseUrl}/v1/nowhere`, { agent }, (response) => {
          response.resume();
          response.on("end", () => resolve(request.reusedSocket));
        });
        request.on("error", reject);
      });
    expect([await reused(), await reused(), await reused()]).toEqual([false, true, true]);
    agent.destroy();
  });

  it("stops listening on close, and close can be called twice", async () => {
    const s = await start();
    await s.close();
    await s.close();
    await expect(fetch(`${s.baseUrl}/v1/auth`, { method: "POST" })).rejects.toThrow("fetch failed");
  });

  it.each([
    [
      "port is -1",
      { port: -1 },
      "Invalid sandbox option port: -1. Allowed: a whole number 0-65535 (0 picks a free port).",
    ],
    [
      "latencyMs is -5",
      { latencyMs: -5 },
      "Invalid sandbox option latencyMs: -5. Allowed: milliseconds, 0 or more.",
    ],
    [
      "a server error fault has status 200",
      { faults: { serverError: { offset: 0, status: 200, times: 1 } } },
      "Invalid sandbox option faults.serverError.status: 200. Allowed: an HTTP error status 400-599.",
    ],
    [
      "an employee has no numeric id",
      { employees: [{ attributes: { id: { value: "x" } } }] },
      "Invalid sandbox employee at index 0: attributes.id.value must be a positive whole number.",
    ],
  ])("fails to start when %s", async (_case, options, message) => {
    await expect(startSandbox(options)).rejects.toThrow(message);
  });
});
