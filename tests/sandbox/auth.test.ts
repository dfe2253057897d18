import { authenticate, call, EMPLOYEES, get, login, useSandboxes } from "./http";

const start = useSandboxes();

describe("POST /v1/auth", () => {
  it("issues a reusable token for the right JSON credentials", async () => {
    const s = await start();
    const answer = await authenticate(s);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.body).toEqual({
      success: true,
      data: { token: expect.stringMatching(/^[\w-]{32}$/), expires_in: 86400, scope: "employees:read" },
    });
    const [first, second] = await Promise.all([login(s), login(s)]);
    const pages = await Promise.all([
      get(s, EMPLOYEES, first),
      get(s, EMPLOYEES, second),
      get(s, EMPLOYEES, first),
    ]);
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
    expect(first).not.toBe(second);
  });

  it("accepts form-encoded credentials", async () => {
    const s = await start({ credentials: { clientId: "acme-id", clientSecret: "acme-secret" } });
    const answer = await call(s, "/v1/auth", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "client_id=acme-id&client_secret=acme-secret",
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data.expires_in).toBe(86400);
  });

  it.each([
    ["a wrong secret", JSON.stringify({ client_id: "sandbox-client", client_secret: "nope" })],
    ["a wrong client id", JSON.stringify({ client_id: "nope", client_secret: "sandbox-secret" })],
    ["no secret", JSON.stringify({ client_id: "sandbox-client" })],
    ["an empty body", ""],
    ["a body that is not JSON", "client_id=sandbox-client&client_secret=sandbox-secret"],
  ])("fails with 401 for %s", async (_case, body) => {
    const s = await start();
    const answer = await call(s, "/v1/auth", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      success: false,
      error: { code: 401, message: "Wrong credentials: the client id or secret is invalid" },
    });
  });

  it("issues tokens that expire after tokenTtlSeconds", async () => {
    const s = await start({ tokenTtlSeconds: 0 });
    const answer = await authenticate(s);
    expect(answer.body.data.expires_in).toBe(0);
    expect((await get(s, EMPLOYEES, answer.body.data.token)).status).toBe(401);
  });
});
