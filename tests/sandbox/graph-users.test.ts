import { api, call, login, useGraphEmulators, users } from "./graph-http";

const start = useGraphEmulators();

describe("Graph emulator: GET /v1.0/users", () => {
  it("pages 25 users over 3 pages of $top=10 with $select, following @odata.nextLink", async () => {
    const g = await start({ users: users(25) });
    const token = await login(g);
    const pages: { body: Record<string, unknown>; ids: string[] }[] = [];
    let next: string | undefined = "/v1.0/users?$select=employeeId,accountEnabled&$top=10";
    while (next !== undefined) {
      const answer = await call(g, next.replace(g.url, ""), {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
      pages.push({ body: answer.body, ids: answer.body.value.map((u: { id: string }) => u.id) });
      next = answer.body["@odata.nextLink"];
    }
    expect(pages.map((p) => p.ids.length)).toEqual([10, 10, 5]);
    expect(pages.flatMap((p) => p.ids)).toEqual(users(25).map((u) => u.id));
    expect(pages[0]?.body["value"]).toContainEqual({ id: "u-1", employeeId: "1", accountEnabled: true });
    expect(pages[0]?.body["@odata.context"]).toBe(
      `${g.url}/v1.0/$metadata#users(id,employeeId,accountEnabled)`,
    );
    const link = new URL(String(pages[0]?.body["@odata.nextLink"]));
    expect([link.pathname, link.searchParams.get("$select"), link.searchParams.get("$top")]).toEqual([
      "/v1.0/users",
      "employeeId,accountEnabled",
      "10",
    ]);
    expect(link.searchParams.get("$skiptoken")).not.toMatch(/^\d+$/);
    expect(pages[2]?.body["@odata.nextLink"]).toBeUndefined();
  });

  it("uses pageSize without $top and lists every extension attribute key", async () => {
    const g = await start({
      users: users(3, { onPremisesExtensionAttributes: { extensionAttribute3: "x" } }),
      pageSize: 2,
    });
    const answer = await api(g, await login(g), "GET", "/users?$select=onPremisesExtensionAttributes");
    expect(answer.body.value).toHaveLength(2);
    expect(answer.body.value[0].onPremisesExtensionAttributes).toEqual(
      Object.fromEntries(
        Array.from({ length: 15 }, (_, i) => [`extensionAttribute${i + 1}`, i === 2 ? "x" : null]),
      ),
    );
  });

  it.each([
    [
      "$top=1000",
      400,
      "Request_UnsupportedQuery",
      "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    ],
    [
      "$top=0",
      400,
      "Request_UnsupportedQuery",
      "Invalid page size specified: '0'. Must be between 1 and 999 inclusive.",
    ],
    [
      "$select=shoeSize",
      400,
      "Request_BadRequest",
      "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
    ],
  ])("fails when the query has %s", async (query, status, code, message) => {
    const g = await start();
    const answer = await api(g, await login(g), "GET", `/users?${query}`);
    expect([answer.status, answer.body]).toEqual([status, { error: { code, message } }]);
  });

  it("accepts $top=999", async () => {
    const g = await start({ users: users(1000) });
    const answer = await api(g, await login(g), "GET", "/users?$top=999&$select=id");
    expect([answer.status, answer.body.value.length]).toEqual([200, 999]);
  });
});

describe("Graph emulator: revoke and PATCH", () => {
  it("revokeSignInSessions answers {value: true} and moves signInSessionsValidFromDateTime to the clock's now", async () => {
    const g = await start();
    const answer = await api(g, await login(g), "POST", "/users/u-2/revokeSignInSessions");
    expect([answer.status, answer.body.value]).toEqual([200, true]);
    expect(g.state.user("u-2")?.signInSessionsValidFromDateTime).toBe("2026-11-26T08:00:00Z");
    expect(g.state.user("u-1")?.signInSessionsValidFromDateTime).toBeNull();
    expect(g.state.actions).toEqual([{ kind: "revoke", userId: "u-2", at: "2026-11-26T08:00:00Z" }]);
  });

  it("PATCH sets and clears extension attributes of a cloud-only user (by UPN too)", async () => {
    const g = await start({
      users: users(2, { onPremisesExtensionAttributes: { extensionAttribute1: "old" } }),
    });
    const token = await login(g);
    const body = {
      onPremisesExtensionAttributes: { extensionAttribute1: null, extensionAttribute15: "E-15" },
    };
    const answer = await api(g, token, "PATCH", "/users/USER2@contoso.com", body);
    expect([answer.status, answer.body]).toEqual([204, undefined]);
    const attributes = g.state.user("u-2")?.onPremisesExtensionAttributes;
    expect([attributes?.["extensionAttribute1"], attributes?.["extensionAttribute15"]]).toEqual([
      null,
      "E-15",
    ]);
    expect(g.state.counts).toMatchObject({ patch: 1, writes: 1 });
  });

  it.each([
    [
      "the user is synced from on-premises",
      "u-1",
      { onPremisesExtensionAttributes: { extensionAttribute1: "x" } },
      400,
      "Request_BadRequest",
      "Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.",
    ],
    [
      "the user does not exist",
      "u-9",
      { onPremisesExtensionAttributes: { extensionAttribute1: "x" } },
      404,
      "Request_ResourceNotFound",
      "Resource 'u-9' does not exist or one of its queried reference-property objects are not present.",
    ],
    [
      "an attribute is not 1-15",
      "u-2",
      { onPremisesExtensionAttributes: { extensionAttribute16: "x" } },
      400,
      "Request_BadRequest",
      "Invalid property 'extensionAttribute16'.",
    ],
    [
      "a property is not supported",
      "u-2",
      { displayName: "x" },
      400,
      "Request_BadRequest",
      "Invalid property 'displayName'.",
    ],
  ])("PATCH fails when %s", async (_, id, body, status, code, message) => {
    const g = await start({ users: [...users(1, { onPremisesSyncEnabled: true }), ...users(2).slice(1)] });
    const answer = await api(g, await login(g), "PATCH", `/users/${id}`, body);
    expect([answer.status, answer.body]).toEqual([status, { error: { code, message } }]);
    expect(g.state.counts.writes).toBe(0);
  });
});

describe("Graph emulator: what it does not serve", () => {
  it.each([
    ["GET", "/groups", 404, "NotFound", "Resource not found for the segment 'groups'."],
    [
      "DELETE",
      "/users/u-1",
      405,
      "Request_BadRequest",
      "The method DELETE is not allowed on /users/u-1. Allowed: GET, PATCH.",
    ],
  ])("%s %s answers %i in Graph's error shape", async (method, path, status, code, message) => {
    const g = await start();
    const answer = await api(g, await login(g), method, path);
    expect([answer.status, answer.body]).toEqual([status, { error: { code, message } }]);
  });

  it("refuses a body over 4 MB with 413", async () => {
    const g = await start();
    const answer = await api(g, await login(g), "PATCH", "/users/u-2", {
      onPremisesExtensionAttributes: { extensionAttribute1: "x".repeat(4 * 1024 * 1024) },
    });
    expect([answer.status, answer.body.error.code]).toEqual([413, "RequestEntityTooLarge"]);
  });

  it("refuses a body that is not JSON with 400", async () => {
    const g = await start();
    const token = await login(g);
    const answer = await call(g, "/v1.0/users/u-2", {
      method: "PATCH",
      headers: { Authorization: `Bearer ${token}` },
      body: "{",
    });
    expect([answer.status, answer.body.error.code]).toEqual([400, "BadRequest"]);
  });
});
