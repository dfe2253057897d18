import http from "node:http";
import { generateCompany, type FaultPlan, type Sandbox, startSandbox } from "../../src/sandbox";
import { FaultState } from "../../src/sandbox/faults";
import type { Clock } from "../../src/util/clock";

const EMPLOYEES = "/v1/company/employees";

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/**
 * Every request arrives at the same instant, whatever the machine's load: rate windows are decided by the
 * test, not by how fast requests happen to go through.
 */
const FROZEN: Clock = { now: () => 0, sleep: () => Promise.resolve() };

/** A sandbox of 250 employees with `faults` on a frozen clock, and a token for it. */
async function start(faults: FaultPlan): Promise<{ s: Sandbox; token: string }> {
  sandbox = await startSandbox({ employees: generateCompany(250, 1), faults, clock: FROZEN });
  const s = sandbox;
  const response = await fetch(`${s.baseUrl}/v1/auth`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_id: s.credentials.clientId, client_secret: s.credentials.clientSecret }),
  });
  const { data } = (await response.json()) as { data: { token: string } };
  return { s, token: data.token };
}

function get(s: Sandbox, token: string, path: string): Promise<Response> {
  return fetch(`${s.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

async function statuses(s: Sandbox, token: string, paths: readonly string[]): Promise<number[]> {
  const result: number[] = [];
  for (const path of paths) {
    const response = await get(s, token, path);
    await response.arrayBuffer();
    result.push(response.status);
  }
  return result;
}

const page = (offset: number): string => `${EMPLOYEES}?limit=100&offset=${offset}`;

interface Page {
  readonly metadata: { readonly total_elements: number };
  readonly data: readonly { attributes: Record<string, { value: unknown }> }[];
}

async function pageOf(s: Sandbox, token: string, path: string): Promise<Page> {
  return (await (await get(s, token, path)).json()) as Page;
}

describe("rateLimitBurst", () => {
  it("answers 429 in Personio's error shape to the next `count` employees requests, with Retry-After", async () => {
    const { s, token } = await start({ rateLimitBurst: { count: 2, retryAfterSeconds: 3 } });
    const first = await get(s, token, page(0));
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("3");
    expect(await first.json()).toEqual({
      success: false,
      error: { code: 429, message: "Too many requests: the rate limit is exceeded, retry later" },
    });
    expect(
      await statuses(s, token, ["/v1/company/employees/attributes", page(100), page(100), page(200)]),
    ).toEqual([200, 429, 200, 200]);
  });

  it("sends no Retry-After unless asked to", async () => {
    const { s, token } = await start({ rateLimitBurst: { count: 1 } });
    const response = await get(s, token, page(0));
    expect([response.status, response.headers.get("retry-after")]).toEqual([429, null]);
  });
});

describe("serverError", () => {
  it("answers `status` at its offset `times` times, then serves the page", async () => {
    const { s, token } = await start({ serverError: { offset: 100, status: 503, times: 2 } });
    expect(await statuses(s, token, [page(0), page(100), page(100), page(200), page(100)])).toEqual([
      200, 503, 503, 200, 200,
    ]);
    expect((await pageOf(s, token, page(100))).data).toHaveLength(100);
  });

  it('answers 500 by default, every time when "always"', async () => {
    const { s, token } = await start({ serverError: { offset: 200, times: "always" } });
    expect(await statuses(s, token, Array(6).fill(page(200)))).toEqual(Array(6).fill(500));
    const response = await get(s, token, page(200));
    expect(await response.json()).toEqual({
      success: false,
      error: { code: 500, message: "Internal error (injected) at offset 200" },
    });
  });
});

describe("enforceRateLimit", () => {
  it("refuses requests beyond perSecond", async () => {
    const { s, token } = await start({ enforceRateLimit: { perSecond: 3, perMinute: 100 } });
    expect(await statuses(s, token, Array(5).fill(page(0)))).toEqual([200, 200, 200, 429, 429]);
  });

  it.each([
    [
      "perSecond in any sliding second",
      { perSecond: 2, perMinute: 100 },
      [0, 10, 999, 1_000, 1_009, 1_010, 1_011],
      [true, true, false, true, false, true, false],
    ],
    [
      "perMinute in any sliding minute",
      { perSecond: 100, perMinute: 3 },
      [0, 20_000, 40_000, 59_999, 60_000, 60_001],
      [true, true, true, false, true, false],
    ],
  ])("admits by arrival time, at most %s", (_case, limits, arrivals, admitted) => {
    const state = new FaultState({ enforceRateLimit: limits });
    expect(arrivals.map((now) => state.throttle(now) === undefined)).toEqual(admitted);
  });

  it("refuses requests beyond perMinute in a sliding minute", async () => {
    const { s, token } = await start({ enforceRateLimit: { perSecond: 10, perMinute: 4 } });
    expect(await statuses(s, token, Array(6).fill(page(0)))).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it("does not limit authentication or the attributes endpoint", async () => {
    const { s, token } = await start({ enforceRateLimit: { perSecond: 1, perMinute: 1 } });
    expect(await statuses(s, token, Array(3).fill("/v1/company/employees/attributes"))).toEqual([
      200, 200, 200,
    ]);
  });
});

describe("rejectCredentials", () => {
  it("refuses the right credentials with 401", async () => {
    sandbox = await startSandbox({ employees: generateCompany(1, 1), faults: { rejectCredentials: true } });
    const response = await fetch(`${sandbox.baseUrl}/v1/auth`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ client_id: "sandbox-client", client_secret: "sandbox-secret" }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      success: false,
      error: { code: 401, message: "Wrong credentials: the client id or secret is invalid" },
    });
  });
});

describe("connectionReset", () => {
  it("resets the connection at its offset `times` times and records status 0", async () => {
    const { s, token } = await start({ connectionReset: { offset: 100, times: 1 } });
    await expect(get(s, token, page(100))).rejects.toMatchObject({
      message: "fetch failed",
      cause: { code: "ECONNRESET" },
    });
    expect(await statuses(s, token, [page(100), page(0)])).toEqual([200, 200]);
    expect(s.requests.map((r) => [r.query["offset"] ?? "-", r.status])).toEqual([
      ["-", 200],
      ["100", 0],
      ["100", 200],
      ["0", 200],
    ]);
  });
});

/** What arrived of one answer: the promised length, the bytes of the first data event and all bytes until the end or the close. */
interface Delivery {
  readonly status: number;
  readonly contentLength: number;
  readonly first: string;
  readonly received: Buffer;
  readonly complete: boolean;
}

/** A GET with node:http, which reports a body cut short instead of throwing it away; `stopAfterFirst` hangs up after the first chunk. */
function deliver(s: Sandbox, token: string, path: string, stopAfterFirst = false): Promise<Delivery> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${s.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      let complete = false;
      const done = (): void => {
        const received = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          contentLength: Number(res.headers["content-length"]),
          first: chunks[0]?.toString("utf8") ?? "",
          received,
          complete,
        });
      };
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        if (stopAfterFirst && chunks.length === 1) {
          req.destroy();
          done();
        }
      });
      res.on("end", () => {
        complete = true;
      });
      res.on("error", () => undefined);
      res.on("close", done);
    });
    req.on("error", (error) => (stopAfterFirst ? undefined : reject(error)));
  });
}

describe("trickle", () => {
  it("sends the page `bytes` at a time after headers with the full Content-Length", async () => {
    const { s, token } = await start({});
    const whole = await (await get(s, token, page(100))).text();
    s.setFaults({ trickle: { offset: 100, times: 1, intervalMs: 600_000, bytes: 5 } });
    const slow = await deliver(s, token, page(100), true);
    expect(slow).toMatchObject({
      status: 200,
      contentLength: Buffer.byteLength(whole),
      first: whole.slice(0, 5),
    });
  });

  it("delivers the whole page in the end, `times` times, then serves it at once", async () => {
    const { s, token } = await start({ trickle: { offset: 0, times: 2, intervalMs: 1, bytes: 4_096 } });
    const slow = [await deliver(s, token, page(0)), await deliver(s, token, page(0))];
    const normal = await deliver(s, token, page(0));
    const whole = normal.received;
    expect((JSON.parse(whole.toString("utf8")) as Page).data).toHaveLength(100);
    expect(slow.map((d) => [d.status, d.complete, d.received.equals(whole)])).toEqual([
      [200, true, true],
      [200, true, true],
    ]);
    expect(s.requests.map((r) => [r.query["offset"] ?? "-", r.status])).toEqual([
      ["-", 200],
      ["0", 200],
      ["0", 200],
      ["0", 200],
    ]);
  });

  it("serves other pages at once while one trickles", async () => {
    const { s, token } = await start({ trickle: { offset: 0, times: "always", intervalMs: 600_000 } });
    const slow = deliver(s, token, page(0), true);
    expect(await statuses(s, token, [page(100), page(200)])).toEqual([200, 200]);
    expect((await slow).first).toBe("{");
  });
});

describe("truncate", () => {
  it("sends the full Content-Length, half the body, then closes the connection, `times` times", async () => {
    const { s, token } = await start({ truncate: { offset: 200, times: 1 } });
    const cut = await deliver(s, token, page(200));
    const whole = await deliver(s, token, page(200));
    expect(whole.complete).toBe(true);
    const length = whole.received.length;
    expect(cut).toMatchObject({ status: 200, contentLength: length, complete: false });
    expect(cut.received.length).toBe(Math.floor(length / 2));
    expect(cut.received.equals(whole.received.subarray(0, Math.floor(length / 2)))).toBe(true);
  });

  it('cuts every answer when "always", and only at its offset', async () => {
    const { s, token } = await start({ truncate: { offset: 0, times: "always" } });
    const cuts = [await deliver(s, token, page(0)), await deliver(s, token, page(0))];
    expect(cuts.map((d) => d.complete)).toEqual([false, false]);
    expect((await deliver(s, token, page(100))).complete).toBe(true);
  });
});

describe("changeTotalAfterFirstPage", () => {
  const totals = async (s: Sandbox, token: string, offsets: readonly number[]): Promise<unknown[]> => {
    const result: unknown[] = [];
    for (const offset of offsets) {
      const body = await pageOf(s, token, page(offset));
      result.push([body.metadata.total_elements, body.data.length]);
    }
    return result;
  };

  it("adds employees after the first page, once", async () => {
    const { s, token } = await start({ changeTotalAfterFirstPage: 2 });
    expect(await totals(s, token, [0, 100, 200, 0])).toEqual([
      [250, 100],
      [252, 100],
      [252, 52],
      [252, 100],
    ]);
    const last = await pageOf(s, token, `${EMPLOYEES}?offset=250`);
    expect(last.data.map((e) => [e.attributes["id"]?.value, e.attributes["email"]?.value])).toEqual([
      [251, "added.251@contoso.com"],
      [252, "added.252@contoso.com"],
    ]);
  });

  it("removes the employees with the highest ids when negative", async () => {
    const { s, token } = await start({ changeTotalAfterFirstPage: -3 });
    expect(await totals(s, token, [100, 200])).toEqual([
      [250, 100],
      [247, 47],
    ]);
  });
});

describe("replacePage", () => {
  it("serves the given JSON at its offset instead of the real page", async () => {
    const body = { success: true, metadata: { total_elements: 1 }, data: [{ attributes: {} }] };
    const { s, token } = await start({ replacePage: { offset: 100, body } });
    expect(await (await get(s, token, page(100))).json()).toEqual(body);
    expect((await pageOf(s, token, page(0))).data).toHaveLength(100);
  });

  it("sends a string body as it is, not as JSON", async () => {
    const { s, token } = await start({ replacePage: { offset: 0, body: "<html>" } });
    const response = await get(s, token, page(0));
    expect([response.status, await response.text()]).toEqual([200, "<html>"]);
  });
});

describe("setFaults", () => {
  it("replaces the plan and starts its counters again", async () => {
    const { s, token } = await start({ serverError: { offset: 0, times: 1 } });
    expect(await statuses(s, token, [page(0), page(0)])).toEqual([500, 200]);
    s.setFaults({ serverError: { offset: 0, times: 1 } });
    expect(await statuses(s, token, [page(0), page(0)])).toEqual([500, 200]);
    s.setFaults({});
    expect(await statuses(s, token, [page(0)])).toEqual([200]);
  });

  it("fails on a plan that cannot mean anything", async () => {
    const { s } = await start({});
    expect(() => s.setFaults({ enforceRateLimit: { perSecond: 0, perMinute: 300 } })).toThrow(
      "Invalid sandbox option faults.enforceRateLimit.perSecond: 0. Allowed: a whole number, 1 or more.",
    );
  });

  it.each([
    [
      { trickle: { offset: -1, times: 1 } },
      "Invalid sandbox option faults.trickle.offset: -1. Allowed: a record offset, 0 or more.",
    ],
    [
      { trickle: { offset: 0, times: 1.5 } },
      'Invalid sandbox option faults.trickle.times: 1.5. Allowed: a whole number, 0 or more, or "always".',
    ],
    [
      { trickle: { offset: 0, times: 1, intervalMs: 0 } },
      "Invalid sandbox option faults.trickle.intervalMs: 0. Allowed: whole milliseconds 1-600000.",
    ],
    [
      { trickle: { offset: 0, times: 1, bytes: 0 } },
      "Invalid sandbox option faults.trickle.bytes: 0. Allowed: a whole number, 1 or more.",
    ],
    [
      { truncate: { offset: 0.5, times: 1 } },
      "Invalid sandbox option faults.truncate.offset: 0.5. Allowed: a record offset, 0 or more.",
    ],
    [
      { truncate: { offset: 0, times: -1 } },
      'Invalid sandbox option faults.truncate.times: -1. Allowed: a whole number, 0 or more, or "always".',
    ],
  ])("fails on %o", async (plan, message) => {
    const { s } = await start({});
    expect(() => s.setFaults(plan)).toThrow(message);
  });
});
