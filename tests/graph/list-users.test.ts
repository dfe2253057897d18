import { createGraphApi, type GraphApiOptions, LIST_USERS_PATH } from "../../src/graph";
import { caught, until } from "../personio/harness";
import {
  fakeCredential,
  type FakeGraph,
  type Handler,
  RecordingClock,
  startFakeGraph,
  TEST_TOKEN,
} from "./fake-graph";

const SELECT =
  "$select=id,employeeId,userPrincipalName,mail,accountEnabled,signInSessionsValidFromDateTime,onPremisesSyncEnabled,onPremisesExtensionAttributes";

function user(id: string): Record<string, unknown> {
  return {
    id,
    employeeId: `E${id}`,
    userPrincipalName: `u${id}@example.test`,
    accountEnabled: true,
    signInSessionsValidFromDateTime: null,
    onPremisesSyncEnabled: null,
    onPremisesExtensionAttributes: { extensionAttribute1: "x", extensionAttribute2: null },
    "@odata.type": "#microsoft.graph.user",
  };
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

describe("listUsers", () => {
  it("follows @odata.nextLink across 3 pages, sends $select and $top, and the token to a custom host", async () => {
    const { api, graph } = await start((_request, index) => {
      const next =
        index < 2 ? { "@odata.nextLink": `${graph?.baseUrl}/v1.0/users?$skiptoken=p${index + 2}` } : {};
      return { status: 200, body: { value: [user(`${index * 2 + 1}`), user(`${index * 2 + 2}`)], ...next } };
    });
    const users = await api.listUsers();
    expect(users.map((u) => u.id)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(users[0]).toEqual({
      id: "1",
      employeeId: "E1",
      userPrincipalName: "u1@example.test",
      mail: null,
      accountEnabled: true,
      signInSessionsValidFromDateTime: null,
      onPremisesSyncEnabled: null,
      onPremisesExtensionAttributes: { extensionAttribute1: "x", extensionAttribute2: null },
    });
    expect(graph.received.map((r) => [r.method, r.url, r.authorization])).toEqual([
      ["GET", `/v1.0/users?${SELECT}&$top=999`, `Bearer ${TEST_TOKEN}`],
      ["GET", "/v1.0/users?$skiptoken=p2", `Bearer ${TEST_TOKEN}`],
      ["GET", "/v1.0/users?$skiptoken=p3", `Bearer ${TEST_TOKEN}`],
    ]);
    expect(LIST_USERS_PATH).toBe(`/users?${SELECT}&$top=999`);
  });

  it.each([
    [429, "3"],
    [503, "1"],
    [504, "2"],
  ])("retries %i after its Retry-After of %s s", async (status, seconds) => {
    const { api, clock, graph } = await start((_request, index) =>
      index === 0
        ? { status, headers: { "Retry-After": seconds } }
        : { status: 200, body: { value: [user("1")] } },
    );
    expect((await api.listUsers()).map((u) => u.id)).toEqual(["1"]);
    expect(clock.sleeps).toEqual([Number(seconds) * 1000]);
    expect(graph.received).toHaveLength(2);
  });

  it("fails on 403 with the status, Graph's code and the path, never the message", async () => {
    const { api } = await start(() => ({
      status: 403,
      body: {
        error: { code: "Authorization_RequestDenied", message: "Insufficient privileges for anna@x.test" },
      },
    }));
    expect((await caught(api.listUsers())).message).toBe(
      "Graph GET /v1.0/users failed: HTTP 403 (Authorization_RequestDenied) after 1 attempt(s)",
    );
  });

  it("fails when a user lacks a required field, naming page, user and field", async () => {
    const { api } = await start(() => ({ status: 200, body: { value: [user("1"), { id: "2" }] } }));
    expect((await caught(api.listUsers())).message).toBe(
      "Graph GET /v1.0/users: unexpected answer: page 1, user 2: invalid field userPrincipalName",
    );
  });

  it("fails when @odata.nextLink leaves the base URL", async () => {
    const { api, graph } = await start(() => ({
      status: 200,
      body: { value: [], "@odata.nextLink": "https://elsewhere.test/v1.0/users?$skiptoken=x" },
    }));
    expect((await caught(api.listUsers())).message).toBe(
      `Graph GET /v1.0/users: unexpected answer: page 1's @odata.nextLink leaves the base URL ${graph.baseUrl}`,
    );
  });

  it("stops when the caller aborts a request the server never answers", async () => {
    const { api, graph } = await start(() => "hang");
    const controller = new AbortController();
    const listing = caught(api.listUsers(controller.signal));
    await until(() => graph.received.length === 1);
    controller.abort();
    expect((await listing).message).toBe("Graph GET /v1.0/users failed: ABORTED");
  });

  it("fails an attempt past its deadline, and does not retry past maxAttempts", async () => {
    const { api, graph } = await start(() => "hang", { requestDeadlineMs: 50, retry: { maxAttempts: 2 } });
    expect((await caught(api.listUsers())).message).toBe(
      "Graph GET /v1.0/users failed: ETIMEDOUT (no answer within 50 ms)",
    );
    expect(graph.received).toHaveLength(2);
  });
});
