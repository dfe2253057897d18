import {
  PersonioAuthError,
  PersonioClient,
  PersonioConsistencyError,
  PersonioPayloadError,
  PersonioRequestError,
  PersonioTransportError,
} from "../../src/personio";
import { generateCompany } from "../../src/sandbox";
import type { Clock } from "../../src/util/clock";
import { AUTH, caught, EMPLOYEES, FAST_RETRY, type Harness, startHarness, until } from "./harness";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.sandbox.close();
  harness = undefined;
});

/** The system clock, except that sleeps are recorded and end at once: waits asserted without waiting. */
function sleepRecorder(): Clock & { readonly sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => performance.now(), sleep: (ms) => (sleeps.push(ms), Promise.resolve()) };
}

describe("PersonioClient.listEmployees", () => {
  it.each([
    [0, 1],
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3],
    [10_000, 100],
  ])("lists %i employees in %i page requests with one auth", async (count, pages) => {
    harness = await startHarness({ count });
    const employees = await harness.client.listEmployees();
    expect(employees.map((e) => e.id)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(harness.requestsTo(AUTH)).toHaveLength(1);
    const pageRequests = harness.requestsTo(EMPLOYEES);
    expect(pageRequests).toHaveLength(pages);
    expect(pageRequests.map((r) => Number(r.query["offset"])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: pages }, (_, i) => i * 100),
    );
    expect(pageRequests.every((r) => r.query["limit"] === "100")).toBe(true);
  });

  it("reuses the token across listings and sends the app id on every request", async () => {
    harness = await startHarness({ count: 250 });
    await harness.client.listEmployees();
    await harness.client.listEmployees();
    expect(harness.requestsTo(AUTH)).toHaveLength(1);
    expect(harness.requestsTo(EMPLOYEES)).toHaveLength(6);
    expect(new Set(harness.sandbox.requests.map((r) => r.appId))).toEqual(new Set(["PERSONIO_AZUREAD_TEST"]));
  });

  it("asks only for the requested attributes", async () => {
    harness = await startHarness({ count: 150 });
    const employees = await harness.client.listEmployees({ attributes: ["first_name", "dynamic_27163"] });
    for (const request of harness.requestsTo(EMPLOYEES)) {
      expect(request.query["attributes[]"]).toEqual(["first_name", "dynamic_27163"]);
    }
    expect(employees).toHaveLength(150);
    for (const employee of employees) {
      expect(Object.keys(employee.attributes).sort()).toEqual(
        Object.keys(employee.attributes)
          .filter((k) => ["id", "first_name", "dynamic_27163"].includes(k))
          .sort(),
      );
      expect(employee.email).toBeNull();
    }
    expect(employees.filter((e) => "first_name" in e.attributes)).toHaveLength(150);
  });

  it("waits at least 1 s after a 429 and then succeeds", async () => {
    const clock = sleepRecorder();
    harness = await startHarness({ count: 120, faults: { rateLimitBurst: { count: 1 } } }, { clock });
    const employees = await harness.client.listEmployees();
    expect(employees).toHaveLength(120);
    expect(clock.sleeps).toEqual([1000]);
    expect(harness.events.filter((e) => e.offset === 0).map((e) => e.outcome)).toEqual([429, 200]);
  });

  it("honours Retry-After", async () => {
    const clock = sleepRecorder();
    harness = await startHarness(
      { count: 10, faults: { rateLimitBurst: { count: 1, retryAfterSeconds: 2 } } },
      { clock },
    );
    await harness.client.listEmployees();
    expect(clock.sleeps).toEqual([2000]);
  });

  it("retries a 5xx on page 3 that clears", async () => {
    harness = await startHarness({
      count: 250,
      faults: { serverError: { offset: 200, status: 503, times: 1 } },
    });
    const employees = await harness.client.listEmployees();
    expect(employees).toHaveLength(250);
    expect(harness.events.filter((e) => e.offset === 200).map((e) => e.outcome)).toEqual([503, 200]);
  });

  it("retries a connection reset", async () => {
    harness = await startHarness({ count: 250, faults: { connectionReset: { offset: 100, times: 1 } } });
    expect(await harness.client.listEmployees()).toHaveLength(250);
    expect(harness.events.filter((e) => e.offset === 100).map((e) => e.outcome)).toEqual(["ECONNRESET", 200]);
  });

  it("fails a trickled page's attempt at the deadline and succeeds on the retry", async () => {
    harness = await startHarness(
      { count: 150, faults: { trickle: { offset: 100, times: 1, intervalMs: 1_000, bytes: 1 } } },
      { deadlineMs: 1_000 },
    );
    expect(await harness.client.listEmployees()).toHaveLength(150);
    expect(harness.events.filter((e) => e.offset === 100).map((e) => e.outcome)).toEqual(["ETIMEDOUT", 200]);
    expect(harness.requestsTo(EMPLOYEES).filter((r) => r.query["offset"] === "100")).toHaveLength(2);
  });

  it("fails the listing after maxAttempts when a page always trickles", async () => {
    harness = await startHarness(
      { count: 150, faults: { trickle: { offset: 100, times: "always", intervalMs: 1_000, bytes: 1 } } },
      { deadlineMs: 1_000, retry: { ...FAST_RETRY, maxAttempts: 3 } },
    );
    const error = await caught(harness.client.listEmployees());
    expect(error).toBeInstanceOf(PersonioTransportError);
    expect(error.message).toBe(
      "Personio GET /v1/company/employees offset=100: ETIMEDOUT: no complete answer within 1000 ms (after 3 attempts)",
    );
    expect(harness.events.filter((e) => e.offset === 100).map((e) => e.outcome)).toEqual([
      "ETIMEDOUT",
      "ETIMEDOUT",
      "ETIMEDOUT",
    ]);
  });

  it("retries a body cut off mid-transfer", async () => {
    harness = await startHarness({ count: 250, faults: { truncate: { offset: 200, times: 1 } } });
    expect(await harness.client.listEmployees()).toHaveLength(250);
    expect(harness.events.filter((e) => e.offset === 200).map((e) => e.outcome)).toEqual([
      "ERR_BODY_TRUNCATED",
      200,
    ]);
  });

  it("names a body that keeps being cut off", async () => {
    harness = await startHarness(
      { count: 150, faults: { truncate: { offset: 0, times: "always" } } },
      { retry: { ...FAST_RETRY, maxAttempts: 2 } },
    );
    const error = await caught(harness.client.listEmployees());
    expect(error).toBeInstanceOf(PersonioTransportError);
    expect(error.message).toBe(
      "Personio GET /v1/company/employees offset=0: ERR_BODY_TRUNCATED: the connection closed before the whole body arrived (after 2 attempts)",
    );
  });

  it("does not retry when the caller aborts, and says so", async () => {
    harness = await startHarness({
      count: 150,
      faults: { trickle: { offset: 100, times: "always", intervalMs: 600_000 } },
    });
    const controller = new AbortController();
    const listing = caught(harness.client.listEmployees({ signal: controller.signal }));
    await until(() => harness?.requestsTo(EMPLOYEES).some((r) => r.query["offset"] === "100") === true);
    controller.abort();
    const error = await listing;
    expect(error).toBeInstanceOf(PersonioTransportError);
    expect(error.message).toBe("Personio GET /v1/company/employees offset=100: aborted (after 1 attempt)");
    expect(harness.events.filter((e) => e.offset === 100).map((e) => e.outcome)).toEqual(["ABORTED"]);
    expect(harness.requestsTo(EMPLOYEES).filter((r) => r.query["offset"] === "100")).toHaveLength(1);
  });

  it("fails the whole listing when page 3 keeps failing", async () => {
    harness = await startHarness({ count: 250, faults: { serverError: { offset: 200, times: "always" } } });
    const error = await caught(harness.client.listEmployees());
    expect(error).toBeInstanceOf(PersonioTransportError);
    expect(error.message).toBe("Personio GET /v1/company/employees offset=200: HTTP 500 (after 5 attempts)");
    expect(harness.requestsTo(EMPLOYEES).filter((r) => r.query["offset"] === "200")).toHaveLength(5);
  });

  it("fails after one auth attempt when the credentials are wrong", async () => {
    harness = await startHarness({ count: 10, faults: { rejectCredentials: true } });
    const error = await caught(harness.client.listEmployees());
    expect(error).toBeInstanceOf(PersonioAuthError);
    expect(error.message).toBe(
      "Personio POST /v1/auth: HTTP 401: credentials refused; check PERSONIO_CLIENT_ID and PERSONIO_CLIENT_SECRET",
    );
    expect(harness.requestsTo(AUTH)).toHaveLength(1);
    expect(harness.requestsTo(EMPLOYEES)).toHaveLength(0);
    expect(error.message).not.toContain(harness.sandbox.credentials.clientSecret);
  });

  it("re-authenticates once when the token is refused", async () => {
    harness = await startHarness({ count: 250 });
    await harness.client.listEmployees();
    harness.sandbox.revokeTokens();
    expect(await harness.client.listEmployees()).toHaveLength(250);
    expect(harness.requestsTo(AUTH)).toHaveLength(2);
  });

  it("names the employee id and field of a malformed payload", async () => {
    const employees = generateCompany(150, 1);
    const broken = structuredClone(employees.slice(100));
    const target = broken[7] as { attributes: Record<string, { value: unknown }> };
    target.attributes["termination_date"] = { value: "30.09.2026" };
    const body = {
      success: true,
      metadata: { total_elements: 150, current_page: 1, total_pages: 2 },
      offset: 100,
      limit: 100,
      data: broken,
    };
    harness = await startHarness({ employees, faults: { replacePage: { offset: 100, body } } });
    const error = await caught(harness.client.listEmployees());
    expect(error).toBeInstanceOf(PersonioPayloadError);
    expect(error).toMatchObject({ employeeId: 108, field: "termination_date" });
    expect(error.message).toBe(
      "Personio GET /v1/company/employees offset=100: malformed payload at employee 108, field termination_date: expected YYYY-MM-DD or a date-time with offset, got a string of 10 characters",
    );
  });

  it("skips a record with an impossible date in listEmployeeRecords, naming its id and field only", async () => {
    const employees = generateCompany(150, 1);
    const broken = structuredClone(employees.slice(100));
    const target = broken[7] as { attributes: Record<string, { value: unknown }> };
    target.attributes["termination_date"] = { value: "2025-02-30" };
    const body = {
      success: true,
      metadata: { total_elements: 150, current_page: 1, total_pages: 2 },
      offset: 100,
      limit: 100,
      data: broken,
    };
    harness = await startHarness({ employees, faults: { replacePage: { offset: 100, body } } });
    const listing = await harness.client.listEmployeeRecords();
    expect(listing.skipped).toStrictEqual([{ employeeId: 108, field: "termination_date" }]);
    expect(listing.employees).toHaveLength(149);
    expect(listing.employees.map((e) => e.id)).not.toContain(108);
  });

  it("still fails the listing for a record whose id cannot be read", async () => {
    const employees = generateCompany(10, 1);
    const broken = structuredClone(employees);
    const target = broken[3] as { attributes: Record<string, { value: unknown }> };
    target.attributes["id"] = { value: "x" };
    const body = {
      success: true,
      metadata: { total_elements: 10, current_page: 1, total_pages: 1 },
      offset: 0,
      limit: 100,
      data: broken,
    };
    harness = await startHarness({ employees, faults: { replacePage: { offset: 0, body } } });
    const error = await caught(harness.client.listEmployeeRecords());
    expect(error.message).toBe(
      'Personio GET /v1/company/employees offset=0: malformed payload at field id: item 3: expected a positive whole number, got "x"',
    );
  });

  it("fails when a page is not JSON", async () => {
    harness = await startHarness({ count: 10, faults: { replacePage: { offset: 0, body: "<html>" } } });
    const error = await caught(harness.client.listEmployees());
    expect(error.message).toBe(
      "Personio GET /v1/company/employees offset=0: malformed payload: response is not JSON",
    );
  });

  it("fails when total_elements changes between pages", async () => {
    harness = await startHarness(
      { count: 250, faults: { changeTotalAfterFirstPage: 1 } },
      { concurrency: 1 },
    );
    const error = await caught(harness.client.listEmployees());
    expect(error).toBeInstanceOf(PersonioConsistencyError);
    expect(error.message).toBe(
      "Personio GET /v1/company/employees offset=100: total_elements changed from 250 to 251 during the listing",
    );
  });

  it("fails when an employee appears on two pages", async () => {
    const employees = generateCompany(150, 1);
    const page = [...employees.slice(100, 149), employees[0]];
    const body = { success: true, metadata: { total_elements: 150 }, offset: 100, limit: 100, data: page };
    harness = await startHarness({ employees, faults: { replacePage: { offset: 100, body } } });
    const error = await caught(harness.client.listEmployees());
    expect(error).toBeInstanceOf(PersonioConsistencyError);
    expect(error.message).toBe(
      "Personio GET /v1/company/employees offset=100: employee 1 appears twice (also at offset 0)",
    );
  });

  it("fails when a page is short of the records its offset implies", async () => {
    const employees = generateCompany(150, 1);
    const body = {
      success: true,
      metadata: { total_elements: 150 },
      offset: 100,
      limit: 100,
      data: employees.slice(100, 149),
    };
    harness = await startHarness({ employees, faults: { replacePage: { offset: 100, body } } });
    const error = await caught(harness.client.listEmployees());
    expect(error.message).toBe(
      "Personio GET /v1/company/employees offset=100: page holds 49 employees, expected 50 of 150",
    );
  });

  it.each<[string, unknown, string]>([
    [
      "a numeric code",
      {
        success: false,
        error: { code: 422, message: "Anna Müller <anna.mueller@example.com> ist ungültig" },
      },
      "Personio GET /v1/company/employees offset=0: HTTP 422 (Personio error code 422)",
    ],
    [
      "a code that is itself text",
      { success: false, error: { code: "Anna Müller is invalid", message: "Anna Müller" } },
      "Personio GET /v1/company/employees offset=0: HTTP 422",
    ],
    [
      "no Personio error body",
      "<html>Anna Müller</html>",
      "Personio GET /v1/company/employees offset=0: HTTP 422",
    ],
  ])("never echoes an error body with %s, keeping request, status and code", async (_case, body, message) => {
    const client = new PersonioClient({
      baseUrl: "http://127.0.0.1:9",
      clientId: "id",
      clientSecret: "secret",
      appId: "PERSONIO_AZUREAD_TEST",
      rateLimit: false,
      transport: (request) =>
        Promise.resolve(
          request.url.startsWith("/v1/auth")
            ? {
                status: 200,
                retryAfter: undefined,
                body: '{"success":true,"data":{"token":"t","expires_in":86400}}',
              }
            : {
                status: 422,
                retryAfter: undefined,
                body: typeof body === "string" ? body : JSON.stringify(body),
              },
        ),
    });
    const error = await caught(client.listEmployees());
    expect(error).toBeInstanceOf(PersonioRequestError);
    expect(error.message).toBe(message);
  });

  it("does not retry a 400", async () => {
    harness = await startHarness({ count: 10 }, { pageSize: 100 });
    const client = new PersonioClient({
      baseUrl: `${harness.sandbox.baseUrl}/unknown-prefix`,
      clientId: harness.sandbox.credentials.clientId,
      clientSecret: harness.sandbox.credentials.clientSecret,
      appId: "PERSONIO_AZUREAD_TEST",
      rateLimit: false,
    });
    const error = await caught(client.listEmployees());
    expect(error).toBeInstanceOf(PersonioRequestError);
    expect(harness.sandbox.requests).toHaveLength(1);
  });

  it("never starts more than 15 requests in any second when pacing is on", async () => {
    harness = await startHarness(
      { count: 3_000, faults: { enforceRateLimit: { perSecond: 15, perMinute: 300 } } },
      { rateLimit: undefined, concurrency: 30 },
    );
    expect(await harness.client.listEmployees()).toHaveLength(3_000);
    const starts = harness.requestsTo(EMPLOYEES).map((r) => r.startedAt);
    const peak = Math.max(...starts.map((s) => starts.filter((t) => t >= s && t < s + 1000).length));
    expect(peak).toBeLessThanOrEqual(15);
    expect(harness.requestsTo(EMPLOYEES).map((r) => r.status)).toEqual(Array(30).fill(200));
  });
});

describe("PersonioClient options", () => {
  const valid = {
    baseUrl: "https://api.personio.de",
    clientId: "id",
    clientSecret: "secret",
    appId: "ACME_SYNC",
  };
  it.each([
    [
      { baseUrl: "api.personio.de" },
      'Invalid Personio client option baseUrl: "api.personio.de". Allowed: an http(s) URL such as ' +
        "https://api.personio.de, with a port 1-65535 if any, and no query, fragment or credentials.",
    ],
    [
      { baseUrl: "https://api.personio.de/?page=1" },
      'Invalid Personio client option baseUrl: "https://api.personio.de/?page=1". Allowed: an http(s) URL such as ' +
        "https://api.personio.de, with a port 1-65535 if any, and no query, fragment or credentials.",
    ],
    [
      { baseUrl: "https://user:pw@api.personio.de" },
      'Invalid Personio client option baseUrl: "https://[redacted]@api.personio.de". Allowed: an http(s) URL such as ' +
        "https://api.personio.de, with a port 1-65535 if any, and no query, fragment or credentials.",
    ],
    [
      { appId: "acme-sync" },
      'Invalid Personio client option appId: "acme-sync". Allowed: UPPER_SNAKE_CASE, e.g. ACME_ENTRA_SYNC.',
    ],
    [{ pageSize: 200 }, "Invalid Personio client option pageSize: 200. Allowed: a whole number 1-100."],
    [{ concurrency: 0 }, "Invalid Personio client option concurrency: 0. Allowed: a whole number 1-100."],
    [{ clientId: " " }, 'Invalid Personio client option clientId: " ". Allowed: a non-empty API client id.'],
    [
      { deadlineMs: 0 },
      "Invalid Personio client option deadlineMs: 0. Allowed: whole milliseconds 1-2147483647.",
    ],
    [
      { timeoutMs: 1.5 },
      "Invalid Personio client option timeoutMs: 1.5. Allowed: whole milliseconds 1-2147483647.",
    ],
  ])("fails when %o", (override, message) => {
    expect(() => new PersonioClient({ ...valid, ...override })).toThrow(message);
  });
});
