import { generateCompany } from "../../src/sandbox";
import { EMPLOYEES, get, ids, login, useSandboxes, call } from "./http";

const start = useSandboxes();

describe("GET /v1/company/employees", () => {
  it("fails with 401 without a token and with an unknown one", async () => {
    const s = await start();
    const none = await call(s, EMPLOYEES);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      success: false,
      error: { code: 401, message: "Authorization is not provided" },
    });
    const unknown = await get(s, EMPLOYEES, "not-a-token");
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({
      success: false,
      error: { code: 401, message: "Provided authorization is not valid" },
    });
  });

  it("serves 250 employees by record offset: 100, 100 and 50", async () => {
    const s = await start();
    const token = await login(s);
    const pages = await Promise.all(
      [0, 100, 200].map((offset) => get(s, `${EMPLOYEES}?limit=100&offset=${offset}`, token)),
    );
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
    expect(pages.map((p) => ({ ...p.body, data: p.body.data.length }))).toEqual([
      {
        success: true,
        metadata: { total_elements: 250, current_page: 0, total_pages: 3 },
        offset: 0,
        limit: 100,
        data: 100,
      },
      {
        success: true,
        metadata: { total_elements: 250, current_page: 1, total_pages: 3 },
        offset: 100,
        limit: 100,
        data: 100,
      },
      {
        success: true,
        metadata: { total_elements: 250, current_page: 2, total_pages: 3 },
        offset: 200,
        limit: 100,
        data: 50,
      },
    ]);
    expect(pages.flatMap(ids)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it.each([
    ["", 0, 50, 0, 5, 1, 50],
    ["?offset=75", 75, 50, 1, 5, 76, 125],
    ["?offset=240&limit=7", 240, 7, 34, 36, 241, 247],
    ["?offset=249&limit=1", 249, 1, 249, 250, 250, 250],
  ])(
    "answers %j with offset %i, limit %i, page %i of %i, ids %i..%i",
    async (query, offset, limit, page, pages, from, to) => {
      const s = await start();
      const answer = await get(s, `${EMPLOYEES}${query}`, await login(s));
      expect(answer.body.metadata).toEqual({ total_elements: 250, current_page: page, total_pages: pages });
      expect([answer.body.offset, answer.body.limit]).toEqual([offset, limit]);
      expect(ids(answer)).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
    },
  );

  it("answers an empty list past the end", async () => {
    const s = await start();
    const answer = await get(s, `${EMPLOYEES}?offset=300&limit=100`, await login(s));
    expect(answer.body).toEqual({
      success: true,
      metadata: { total_elements: 250, current_page: 3, total_pages: 3 },
      offset: 300,
      limit: 100,
      data: [],
    });
  });

  it.each([
    ["limit=101", 'Invalid value for limit: "101". Allowed: a whole number from 1 to 100.'],
    ["limit=0", 'Invalid value for limit: "0". Allowed: a whole number from 1 to 100.'],
    ["limit=ten", 'Invalid value for limit: "ten". Allowed: a whole number from 1 to 100.'],
    ["offset=-1", 'Invalid value for offset: "-1". Allowed: a whole number, 0 or more.'],
    ["offset=1.5", 'Invalid value for offset: "1.5". Allowed: a whole number, 0 or more.'],
  ])("fails with 400 for %s", async (query, message) => {
    const s = await start();
    const answer = await get(s, `${EMPLOYEES}?${query}`, await login(s));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ success: false, error: { code: 400, message } });
  });

  it("serves employees in ascending id order whatever order they were given in", async () => {
    const s = await start({ employees: generateCompany(5, 1).reverse() });
    expect(ids(await get(s, EMPLOYEES, await login(s)))).toEqual([1, 2, 3, 4, 5]);
  });

  it("projects attributes[] to those keys plus id, ignoring unknown keys", async () => {
    const s = await start();
    const query = "?limit=3&attributes[]=first_name&attributes[]=dynamic_27163&attributes[]=no_such_key";
    const answer = await get(s, `${EMPLOYEES}${query}`, await login(s));
    const items = answer.body.data as { type: string; attributes: Record<string, { value: unknown }> }[];
    expect(items.map((item) => [item.type, Object.keys(item.attributes)])).toEqual(
      Array(3).fill(["Employee", ["id", "first_name", "dynamic_27163"]]),
    );
    expect(items[0]?.attributes["first_name"]).toEqual({
      label: "First name",
      value: "Jonas",
      type: "standard",
      universal_id: "first_name",
    });
  });

  it("filters by e-mail, case-insensitively, still answering a list", async () => {
    const s = await start({ employees: undefined, today: "2026-11-26" });
    const token = await login(s);
    const found = await get(s, `${EMPLOYEES}?email=PETRA.wagner%40contoso.COM`, token);
    expect(ids(found)).toEqual([39]);
    expect(found.body.metadata).toEqual({ total_elements: 1, current_page: 0, total_pages: 1 });
    const missing = await get(s, `${EMPLOYEES}?email=nobody%40contoso.com`, token);
    expect(missing.body).toMatchObject({
      metadata: { total_elements: 0, current_page: 0, total_pages: 0 },
      data: [],
    });
  });

  it("records every request in arrival order", async () => {
    const s = await start();
    const token = await login(s);
    await get(s, `${EMPLOYEES}?limit=2&offset=4&attributes[]=email`, token);
    await call(s, "/v1/nowhere");
    expect(s.requests.map(({ startedAt: _, ...rest }) => rest)).toEqual([
      { method: "POST", path: "/v1/auth", query: {}, status: 200, appId: undefined },
      {
        method: "GET",
        path: EMPLOYEES,
        query: { limit: "2", offset: "4", "attributes[]": ["email"] },
        status: 200,
        appId: "SANDBOX_TEST",
      },
      { method: "GET", path: "/v1/nowhere", query: {}, status: 404, appId: undefined },
    ]);
    const starts = s.requests.map((r) => r.startedAt);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    s.clearRequests();
    expect(s.requests).toEqual([]);
  });

  it("serves new employees after setEmployees", async () => {
    const s = await start();
    const token = await login(s);
    s.setEmployees(generateCompany(3, 2));
    const answer = await get(s, EMPLOYEES, token);
    expect(answer.body.metadata.total_elements).toBe(3);
    expect(answer.body.data).toEqual(generateCompany(3, 2));
  });
});

describe("GET /v1/company/employees/attributes", () => {
  it.each(["/v1/company/employees/attributes", "/v1/company/employees/custom-attributes"])(
    "lists every attribute key of the data at %s",
    async (path) => {
      const s = await start({ employees: generateCompany(3, 1) });
      const answer = await get(s, path, await login(s));
      expect(answer.status).toBe(200);
      expect(answer.body.success).toBe(true);
      const data = answer.body.data as {
        key: string;
        label: string;
        type: string;
        universal_id: string | null;
      }[];
      expect(data.map((d) => d.key)).toEqual([
        "id",
        "first_name",
        "last_name",
        "email",
        "status",
        "position",
        "supervisor",
        "hire_date",
        "termination_date",
        "created_at",
        "subcompany",
        "office",
        "department",
        "cost_centers",
        "last_working_day",
        "team",
        "dynamic_27163",
        "dynamic_31001",
      ]);
      expect(data.find((d) => d.key === "hire_date")).toEqual({
        key: "hire_date",
        label: "Hire date",
        type: "date",
        universal_id: "hire_date",
        options: [],
      });
      expect(data.filter((d) => d.key.startsWith("dynamic_"))).toEqual([
        { key: "dynamic_27163", label: "Mobile phone", type: "standard", universal_id: null, options: [] },
        { key: "dynamic_31001", label: "Employee type", type: "standard", universal_id: null, options: [] },
      ]);
    },
  );

  it("requires a token", async () => {
    const s = await start();
    expect((await call(s, "/v1/company/employees/attributes")).status).toBe(401);
  });
});

describe("credentials that may read some attributes (readableAttributes)", () => {
  const readable = ["first_name", "status", "dynamic_31001"];

  it("lists only those attributes, id included", async () => {
    const s = await start({ employees: generateCompany(3, 1), readableAttributes: readable });
    const answer = await get(s, "/v1/company/employees/attributes", await login(s));
    expect((answer.body.data as { key: string }[]).map((d) => d.key)).toEqual([
      "id",
      "first_name",
      "status",
      "dynamic_31001",
    ]);
  });

  it.each([
    ["no attributes[]", "", ["id", "first_name", "status", "dynamic_31001"]],
    [
      "attributes[] beyond them",
      "&attributes[]=first_name&attributes[]=position&attributes[]=dynamic_31001",
      ["id", "first_name", "dynamic_31001"],
    ],
  ])("leaves the others out of every employee (%s)", async (_, query, keys) => {
    const s = await start({ employees: generateCompany(3, 1), readableAttributes: readable });
    const answer = await get(s, `${EMPLOYEES}?limit=3${query}`, await login(s));
    const items = answer.body.data as { attributes: Record<string, unknown> }[];
    expect(items.map((item) => Object.keys(item.attributes))).toEqual(Array(3).fill(keys));
  });
});
