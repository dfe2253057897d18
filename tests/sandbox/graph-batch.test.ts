import { api, login, useGraphEmulators, users } from "./graph-http";

const start = useGraphEmulators();
const revoke = (id: string) => ({ id, method: "POST", url: `/users/${id}/revokeSignInSessions` });

describe("Graph emulator: POST /v1.0/$batch", () => {
  it("routes each sub-request to its handler and answers {id, status, headers, body} in an envelope of 200", async () => {
    const g = await start();
    const requests = [
      revoke("u-1"),
      {
        id: "patch",
        method: "PATCH",
        url: "users/u-2",
        headers: { "Content-Type": "application/json" },
        body: { onPremisesExtensionAttributes: { extensionAttribute2: "B" } },
      },
      { id: "missing", method: "POST", url: "/users/u-9/revokeSignInSessions" },
      { id: "list", method: "GET", url: "/users?$select=id&$top=1" },
    ];
    const answer = await api(g, await login(g), "POST", "/$batch", { requests });
    expect(answer.status).toBe(200);
    const byId = Object.fromEntries(answer.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId["u-1"]).toEqual({
      id: "u-1",
      status: 200,
      headers: { "Content-Type": "application/json" },
      body: { "@odata.context": `${g.url}/v1.0/$metadata#Edm.Boolean`, value: true },
    });
    expect(byId["patch"]).toEqual({ id: "patch", status: 204, headers: {} });
    expect([byId["missing"].status, byId["missing"].body.error.code]).toEqual([
      404,
      "Request_ResourceNotFound",
    ]);
    expect(byId["list"].body.value).toEqual([{ id: "u-1" }]);
    expect(g.state.counts).toMatchObject({
      batchEnvelopes: 1,
      subRequests: 4,
      revoke: 1,
      patch: 1,
      writes: 2,
    });
  });

  it("answers 429 with its own Retry-After inside the envelope for the next N matching sub-requests", async () => {
    const g = await start();
    g.faults.subRequest({
      path: "/users/*/revokeSignInSessions",
      status: 429,
      times: 2,
      retryAfterSeconds: 7,
    });
    const token = await login(g);
    const first = await api(g, token, "POST", "/$batch", {
      requests: [revoke("u-1"), revoke("u-2"), revoke("u-3")],
    });
    expect(first.status).toBe(200);
    expect(first.body.responses.map((r: { status: number }) => r.status)).toEqual([429, 429, 200]);
    expect(first.body.responses[0]).toEqual({
      id: "u-1",
      status: 429,
      headers: { "Retry-After": "7", "Content-Type": "application/json" },
      body: {
        error: {
          code: "TooManyRequests",
          message: "Too many requests (injected). Retry after the interval in Retry-After.",
        },
      },
    });
    const again = await api(g, token, "POST", "/$batch", { requests: [revoke("u-1"), revoke("u-2")] });
    expect(again.body.responses.map((r: { status: number }) => r.status)).toEqual([200, 200]);
    expect(g.state.counts.revoke).toBe(3);
  });

  it.each([403, 404, 503] as const)("injects %i for a matching sub-request only", async (status) => {
    const g = await start();
    g.faults.subRequest({ path: "/users/u-2/revokeSignInSessions", status, times: "always" });
    const answer = await api(g, await login(g), "POST", "/$batch", {
      requests: [revoke("u-1"), revoke("u-2")],
    });
    expect(answer.body.responses.map((r: { status: number }) => r.status)).toEqual([200, status]);
  });

  it("fails the whole envelope with 400 above 20 sub-requests", async () => {
    const g = await start({ users: users(21) });
    const requests = users(21).map((u) => revoke(u.id));
    const answer = await api(g, await login(g), "POST", "/$batch", { requests });
    expect([answer.status, answer.body]).toEqual([
      400,
      {
        error: {
          code: "BadRequest",
          message: "The number of requests in the batch (21) exceeds the maximum of 20.",
        },
      },
    ]);
    expect(g.state.counts.writes).toBe(0);
  });

  it.each([
    [{ requests: [revoke("u-1"), revoke("u-1")] }, "Batch request contains duplicate id 'u-1'."],
    [{}, "Invalid batch payload format: a 'requests' array is required."],
  ])("fails the whole envelope with 400 for %j", async (body, message) => {
    const g = await start();
    const answer = await api(g, await login(g), "POST", "/$batch", body);
    expect([answer.status, answer.body]).toEqual([400, { error: { code: "BadRequest", message } }]);
  });

  it("answers a sub-request with a body and no Content-Type 400, as Graph does", async () => {
    const g = await start();
    const requests = [{ id: "1", method: "PATCH", url: "/users/u-2", body: { accountEnabled: false } }];
    const answer = await api(g, await login(g), "POST", "/$batch", { requests });
    expect(answer.body.responses[0].status).toBe(400);
  });

  it("answers the whole envelope 503 with Retry-After for a request fault", async () => {
    const g = await start({
      faults: { requests: [{ path: "/v1.0/$batch", kind: "unavailable", times: 1, retryAfterSeconds: 3 }] },
    });
    const token = await login(g);
    const failed = await api(g, token, "POST", "/$batch", { requests: [revoke("u-1")] });
    expect([failed.status, failed.headers.get("retry-after"), failed.body.error.code]).toEqual([
      503,
      "3",
      "ServiceUnavailable",
    ]);
    const served = await api(g, token, "POST", "/$batch", { requests: [revoke("u-1")] });
    expect([served.status, g.state.counts.revoke, g.state.counts.batchEnvelopes]).toEqual([200, 1, 1]);
  });

  it("never answers a request with a hang fault, until its caller gives up", async () => {
    const g = await start({ faults: { requests: [{ kind: "hang", times: 1 }] } });
    const token = await login(g);
    const hung = api(g, token, "POST", "/$batch", { requests: [revoke("u-1")] }).then(
      () => "answered",
      () => "aborted",
    );
    const outcome = await Promise.race([hung, new Promise((r) => setTimeout(() => r("still waiting"), 300))]);
    expect([outcome, g.state.counts.revoke]).toEqual(["still waiting", 0]);
    await g.close();
    expect(await hung).toBe("aborted");
  });

  it("a second cycle over a settled tenant writes nothing", async () => {
    const g = await start();
    const token = await login(g);
    const patch = (id: string) => ({
      id,
      method: "PATCH",
      url: `/users/${id}`,
      headers: { "Content-Type": "application/json" },
      body: { onPremisesExtensionAttributes: { extensionAttribute1: "E" } },
    });
    await api(g, token, "POST", "/$batch", { requests: [patch("u-2"), patch("u-3")] });
    const before = { ...g.state.counts };
    await api(g, token, "GET", "/users?$select=onPremisesExtensionAttributes");
    expect(g.state.counts).toEqual(before);
    expect(before).toMatchObject({ patch: 2, writes: 2, batchEnvelopes: 1 });
  });
});
