import { createGraphApi, type GraphApiOptions, type GraphRequest } from "../../src/graph";
import { until } from "../personio/harness";
import {
  fakeCredential,
  type FakeGraph,
  type Handler,
  RecordingClock,
  startFakeGraph,
  TEST_TOKEN,
} from "./fake-graph";

interface Sub {
  id: string;
  method: string;
  url: string;
}

let graph: FakeGraph | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

async function start(handler: Handler, options: Partial<GraphApiOptions> = {}) {
  graph = await startFakeGraph(handler);
  const clock = new RecordingClock();
  const api = createGraphApi({
    credential: fakeCredential(),
    endpoint: graph.baseUrl,
    fetch: graph.fetch,
    clock,
    random: () => 0,
    ...options,
  });
  return { api, clock, graph };
}

const subs = (body: unknown): Sub[] => (body as { requests: Sub[] }).requests;
const revoke = (id: string): GraphRequest => ({
  id,
  method: "POST",
  url: `/users/${id}/revokeSignInSessions`,
});

describe("batch", () => {
  it("re-queues a sub-request answered 429 after its own Retry-After, and passes a 403 through", async () => {
    let throttled = false;
    const { api, clock, graph } = await start((request) => ({
      status: 200,
      body: {
        responses: subs(request.body).map(({ id }) => {
          if (id === "b" && !throttled) {
            throttled = true;
            return { id, status: 429, headers: { "Retry-After": "2" } };
          }
          if (id === "c")
            return { id, status: 403, body: { error: { code: "Authorization_RequestDenied" } } };
          return { id, status: 204 };
        }),
      },
    }));
    const responses = await api.batch([revoke("a"), revoke("b"), revoke("c")]);
    expect(responses).toEqual([
      { id: "a", status: 204, body: undefined },
      { id: "b", status: 204, body: undefined },
      { id: "c", status: 403, body: { error: { code: "Authorization_RequestDenied" } } },
    ]);
    expect(clock.sleeps).toEqual([2000]);
    expect(
      graph.received.map((r) => [r.method, r.url, r.authorization, subs(r.body).map((s) => s.id)]),
    ).toEqual([
      ["POST", "/v1.0/$batch", `Bearer ${TEST_TOKEN}`, ["a", "b", "c"]],
      ["POST", "/v1.0/$batch", `Bearer ${TEST_TOKEN}`, ["b"]],
    ]);
    expect(subs(graph.received[0]?.body)[0]).toEqual({
      id: "a",
      method: "POST",
      url: "/users/a/revokeSignInSessions",
    });
  });

  it("answers a sub-request's last 429 as is after maxAttempts", async () => {
    const { api, clock } = await start(
      (request) => ({
        status: 200,
        body: {
          responses: subs(request.body).map(({ id }) => ({
            id,
            status: 429,
            headers: { "retry-after": "1" },
          })),
        },
      }),
      { retry: { maxAttempts: 3 } },
    );
    expect(await api.batch([revoke("a")])).toEqual([{ id: "a", status: 429, body: undefined }]);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it("chunks 45 writes into 20 + 20 + 5, paced by the injected clock", async () => {
    const { api, clock, graph } = await start(
      (request) => ({
        status: 200,
        body: { responses: subs(request.body).map(({ id }) => ({ id, status: 204 })) },
      }),
      { writesPerSecond: 20 },
    );
    const ids = Array.from({ length: 45 }, (_, i) => `r${i}`);
    const responses = await api.batch(ids.map(revoke));
    expect(responses.map((r) => [r.id, r.status])).toEqual(ids.map((id) => [id, 204]));
    expect(graph.received.map((r) => subs(r.body).length)).toEqual([20, 20, 5]);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it("does not pace GETs: they are not writes", async () => {
    const { api, clock, graph } = await start((request) => ({
      status: 200,
      body: { responses: subs(request.body).map(({ id }) => ({ id, status: 200, body: { id } })) },
    }));
    const requests = Array.from({ length: 45 }, (_, i): GraphRequest => ({
      id: `g${i}`,
      method: "GET",
      url: `/users/g${i}`,
    }));
    expect((await api.batch(requests)).map((r) => r.status)).toEqual(requests.map(() => 200));
    expect(graph.received.map((r) => subs(r.body).length)).toEqual([20, 20, 5]);
    expect(clock.sleeps).toEqual([]);
  });

  it("retries an envelope that fails with 5xx, then answers status 0 for each of its requests", async () => {
    const { api, clock, graph } = await start(() => ({ status: 502 }), {
      retry: { maxAttempts: 2, baseDelayMs: 100 },
    });
    expect(await api.batch([revoke("a"), revoke("b")])).toEqual([
      { id: "a", status: 0 },
      { id: "b", status: 0 },
    ]);
    expect(graph.received).toHaveLength(2);
    expect(clock.sleeps).toEqual([50]);
  });

  it("answers status 0 for every request once the caller aborts an envelope the server never answers", async () => {
    const { api, graph } = await start(() => "hang", { writesPerSecond: 20 });
    const controller = new AbortController();
    const ids = Array.from({ length: 25 }, (_, i) => `r${i}`);
    const pending = api.batch(ids.map(revoke), controller.signal);
    await until(() => graph.received.length === 1);
    controller.abort();
    expect(await pending).toEqual(ids.map((id) => ({ id, status: 0 })));
    expect(graph.received).toHaveLength(1);
  });

  it("fails when two requests share an id", async () => {
    const { api } = await start(() => ({ status: 500 }));
    await expect(api.batch([revoke("a"), revoke("a")])).rejects.toThrow(
      'Invalid batch request id: "a". Allowed: a non-empty id, unique within one batch() call.',
    );
  });
});
