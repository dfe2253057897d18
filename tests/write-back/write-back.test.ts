import { normalizeEmployee } from "../../src/personio/normalize";
import type { LogFields } from "../../src/util/log";
import { writeBack, type WriteBackArgs } from "../../src/write-back";
import { applyWriteBack } from "../../src/write-back/apply";
import { EMPLOYEES, type Harness, startHarness } from "../personio/harness";
import { companyWithLogins, LIST, LOGIN, upnsFor } from "./fixtures";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.sandbox.close();
  harness = undefined;
});

type Line = [string, string, LogFields | undefined];

/** Ten employees, 1 and 2 already holding their UPN, every one with a managed account but 10. */
async function setup(
  options: Parameters<typeof startHarness>[1] = {},
): Promise<{ h: Harness; args: WriteBackArgs; lines: Line[] }> {
  const h = await startHarness(
    { employees: companyWithLogins(10, { 1: "user1@contoso.com", 2: "user2@contoso.com" }) },
    options,
  );
  harness = h;
  const employees = await h.client.listEmployees({ attributes: ["first_name", LOGIN] });
  h.sandbox.clearRequests();
  const lines: Line[] = [];
  const args: WriteBackArgs = {
    employees,
    upns: upnsFor([1, 2, 3, 4, 5, 6, 7, 8, 9]),
    attribute: LOGIN,
    client: h.client,
    log: (level, event, fields) => lines.push([level, event, fields]),
  };
  return { h, args, lines };
}

const patched = (h: Harness) =>
  h.sandbox.requests.filter((r) => r.method === "PATCH").map((r) => Number(r.path.split("/").pop()));

async function logins(h: Harness): Promise<Record<number, unknown>> {
  const listed = await h.client.listEmployees({ attributes: [LOGIN] });
  return Object.fromEntries(listed.map((e) => [e.id, e.attributes[LOGIN]]));
}

describe("writeBack against the sandbox", () => {
  it("writes only the differences, which the next listing shows", async () => {
    const { h, args, lines } = await setup();
    const result = await writeBack(args);
    expect(result).toEqual({ planned: 7, written: 7, failed: [] });
    expect(patched(h).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(h.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toContain(`GET ${EMPLOYEES}/attributes`);
    const after = await logins(h);
    expect(after).toEqual({
      ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((id) => [id, `user${id}@contoso.com`])),
      10: null,
    });
    expect(lines).toEqual([["info", "writeback.done", { planned: 7, written: 7, failed: 0 }]]);
    const again = await writeBack({
      ...args,
      employees: await h.client.listEmployees({ attributes: [LOGIN] }),
    });
    expect(again).toEqual({ planned: 0, written: 0, failed: [] });
  });

  it("retries a 5xx and a 429 until they clear", async () => {
    const { h, args } = await setup({ retry: { baseDelayMs: 1, maxDelayMs: 5, minDelayAfter429Ms: 1 } });
    h.sandbox.setFaults({
      patchError: { status: 503, times: 2, employeeIds: [4] },
      rateLimitBurst: { count: 1 },
    });
    expect(await writeBack({ ...args, concurrency: 1 })).toEqual({ planned: 7, written: 7, failed: [] });
    expect(patched(h).filter((id) => id === 4)).toHaveLength(3);
    expect(h.sandbox.requests.filter((r) => r.status === 429)).toHaveLength(1);
  });

  it("logs a failing employee by id only and goes on with the others (404, 5xx for good)", async () => {
    const { h, args, lines } = await setup();
    h.sandbox.setFaults({ patchError: { status: 500, times: "always", employeeIds: [5] } });
    h.sandbox.setEmployees(companyWithLogins(10).filter((item) => item.attributes["id"]?.value !== 7));
    const result = await writeBack(args);
    expect(result).toEqual({ planned: 7, written: 5, failed: ["5", "7"] });
    expect(lines.filter(([level]) => level === "warn")).toEqual(
      expect.arrayContaining([
        ["warn", "writeback.failed", { employeeId: 5, outcome: "HTTP 500" }],
        ["warn", "writeback.failed", { employeeId: 7, outcome: "HTTP 404" }],
      ]),
    );
    expect(JSON.stringify(lines)).not.toMatch(/contoso\.com/);
  });

  it("counts a 422 (Personio no longer knows the attribute) as a failure of that employee", async () => {
    const { h, args } = await setup();
    h.sandbox.setFaults({ patchError: { status: 422, times: 1, employeeIds: [3] } });
    expect(await writeBack(args)).toEqual({
      planned: 7,
      written: 6,
      failed: ["3"],
    });
  });

  it("stops at a 403 with a line naming the permission, leaving the rest unwritten", async () => {
    const { h, args, lines } = await setup();
    h.sandbox.setFaults({ patchError: { status: 403, times: "always" } });
    const result = await writeBack({ ...args, concurrency: 1 });
    const message =
      `Write-back stopped: Personio refused PATCH ${EMPLOYEES}/3 (HTTP 403). Allowed: API credentials with ` +
      `write access to the custom attribute ${LOGIN} (Personio: Settings → API credentials → the credential's writable attributes).`;
    expect(result).toEqual({
      planned: 7,
      written: 0,
      failed: ["3", "4", "5", "6", "7", "8", "9"],
      stop: { kind: "forbidden", message },
    });
    expect(patched(h)).toEqual([3]);
    expect(lines).toEqual([
      ["error", "writeback.forbidden", { employeeId: 3, status: 403 }],
      ["error", "writeback.stopped", { reason: "forbidden", planned: 7, message }],
    ]);
  });

  it.each([
    ["not a text attribute", LIST, "(a list attribute)"],
    ["not listed for these credentials", "dynamic_9", "(not among the attributes"],
  ])("writes nothing when the attribute is %s", async (_case, attribute, detail) => {
    const { h, args } = await setup();
    const result = await writeBack({ ...args, attribute });
    expect(result.written).toBe(0);
    expect(result.stop?.kind).toBe("invalid_attribute");
    expect(result.stop?.message).toContain(detail);
    expect(patched(h)).toEqual([]);
  });

  it("keeps within Personio's rate limits while writing", async () => {
    const { h, args } = await setup({ rateLimit: [{ limit: 3, windowMs: 1_000 }] });
    h.sandbox.setFaults({ enforceRateLimit: { perSecond: 3, perMinute: 100 } });
    expect(await writeBack(args)).toEqual({ planned: 7, written: 7, failed: [] });
    expect(h.sandbox.requests.filter((r) => r.status === 429)).toEqual([]);
  });
});

describe("writeBack under a signal", () => {
  it("checks the attribute under the caller's signal", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const client = {
      listAttributes: async (signal?: AbortSignal) => (signals.push(signal), []),
      updateCustomAttribute: async () => undefined,
    };
    const signal = new AbortController().signal;
    await writeBack({
      employees: companyWithLogins(1).map((item) => normalizeEmployee(item)),
      upns: upnsFor([1]),
      attribute: LOGIN,
      client,
      log: () => undefined,
      signal,
    });
    expect(signals).toEqual([signal]);
  });
});

describe("applyWriteBack", () => {
  it("stops the other writers on an unforeseen error, then fails with it", async () => {
    const signals = new Map<number, AbortSignal>();
    const client = {
      updateCustomAttribute: async (id: number, _key: string, _value: string, signal?: AbortSignal) => {
        signals.set(id, signal as AbortSignal);
        if (id === 3) throw new TypeError("a bug");
        await new Promise((_, reject) =>
          signal?.addEventListener("abort", () => reject(new Error("aborted"))),
        );
      },
    };
    const changes = [3, 4, 5].map((employeeId) => ({ employeeId, value: `u${employeeId}@x`, current: null }));
    await expect(
      applyWriteBack(changes, { client, attribute: LOGIN, log: () => undefined, concurrency: 2 }),
    ).rejects.toThrow("a bug");
    // 4 was in flight and is cancelled; 5 never starts.
    expect([...signals.keys()]).toEqual([3, 4]);
    expect(signals.get(4)?.aborted).toBe(true);
  });
});
