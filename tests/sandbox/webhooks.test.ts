import { generateCompany, type Sandbox } from "../../src/sandbox";
import { call, EMPLOYEES, login, useSandboxes } from "./http";
import { recordingClock, startReceiver, type Script } from "./webhook-receiver";

const start = useSandboxes();
const receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const AT = new Date("2026-11-26T08:00:00Z");
const TOKEN = "s3cret-token";

/** A sandbox of 5 posting to a fresh receiver that answers `script`; logs and waits recorded. */
async function setup(script: Script[] = [], timeoutMs?: number) {
  const receiver = await startReceiver(script);
  receivers.push(receiver);
  const clock = recordingClock();
  const log: string[] = [];
  const sandbox = await start({
    employees: generateCompany(5, 1),
    clock,
    webhook: { url: receiver.url, token: TOKEN, now: () => AT, log: (l) => log.push(l), timeoutMs },
  });
  return { sandbox, receiver, waits: clock.waits, log };
}

function change(s: Sandbox, id: number, values: Record<string, unknown>) {
  return call(s, `/sandbox/employees/${id}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(values),
  });
}

/** Bodies in a fixed order: events of one change are posted concurrently, so they may arrive in any order. */
const bodies = (received: readonly { body: unknown }[]) =>
  received
    .map((r) => r.body as { event_name: string })
    .sort((a, b) => a.event_name.localeCompare(b.event_name));

const envelope = (event_name: string, id: string) => ({
  company_id: "1",
  event_name,
  occurred_at: "2026-11-26T08:00:00.000Z",
  payload: { person: { id } },
});

describe("the sandbox's webhooks", () => {
  it("posts Personio's envelope with the token verbatim as Authorization, one per event", async () => {
    const { sandbox, receiver, log } = await setup();
    expect((await change(sandbox, 3, { first_name: "Ida", position: "CTO" })).status).toBe(200);
    await sandbox.webhooksSettled();
    const headers = { path: "/webhooks/personio", authorization: TOKEN, contentType: "application/json" };
    expect(receiver.received.map(({ body: _, ...rest }) => rest)).toEqual([headers, headers]);
    expect(bodies(receiver.received)).toEqual([
      envelope("employment.updated", "3"),
      envelope("person.updated", "3"),
    ]);
    expect(log.sort()).toEqual([
      "webhook employment.updated 3: 200 (attempt 1/5); delivered",
      "webhook person.updated 3: 200 (attempt 1/5); delivered",
    ]);
  });

  it("posts employment.terminated when a termination date is set", async () => {
    const { sandbox, receiver } = await setup();
    await change(sandbox, 2, { termination_date: "2026-12-31" });
    await sandbox.webhooksSettled();
    expect(receiver.received.map((r) => r.body)).toEqual([envelope("employment.terminated", "2")]);
  });

  it("posts person.updated once for a PATCH of custom attributes", async () => {
    const { sandbox, receiver } = await setup();
    const token = await login(sandbox);
    const custom = { dynamic_27163: "a", dynamic_31001: "b" };
    await call(sandbox, `${EMPLOYEES}/4`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ employee: { custom_attributes: custom } }),
    });
    await sandbox.webhooksSettled();
    expect(receiver.received.map((r) => r.body)).toEqual([envelope("person.updated", "4")]);
  });

  it("posts person.created, person.deleted and the changes when setEmployees replaces the company", async () => {
    const { sandbox, receiver } = await setup();
    const next = generateCompany(6, 1).filter((item) => item.attributes["id"]?.value !== 1);
    const five = next.find((item) => item.attributes["id"]?.value === 5);
    Object.assign(five!.attributes, { email: { label: "Email", value: "new.5@contoso.com" } });
    sandbox.setEmployees(next);
    await sandbox.webhooksSettled();
    expect(bodies(receiver.received)).toEqual([
      envelope("person.created", "6"),
      envelope("person.deleted", "1"),
      envelope("person.updated", "5"),
    ]);
  });

  it.each([
    ["a 500", { status: 500 }, 1_000],
    ["a 503", { status: 503 }, 1_000],
    ["a 429 with Retry-After: 7", { status: 429, headers: { "Retry-After": "7" } }, 7_000],
    ["a 429 without Retry-After", { status: 429 }, 1_000],
  ])("retries after %s", async (_, answer, wait) => {
    const { sandbox, receiver, waits } = await setup([answer]);
    await change(sandbox, 1, { position: "CTO" });
    await sandbox.webhooksSettled();
    expect(receiver.received.map((r) => r.body)).toEqual([
      envelope("employment.updated", "1"),
      envelope("employment.updated", "1"),
    ]);
    expect(waits).toEqual([wait]);
    expect(sandbox.webhookDeliveries()).toEqual([
      { event: "employment.updated", id: 1, status: 200, attempts: 2, delivered: true },
    ]);
  });

  it("retries after a timeout", async () => {
    const { sandbox, receiver, waits } = await setup(["hang"], 200);
    await change(sandbox, 1, { position: "CTO" });
    await sandbox.webhooksSettled();
    expect(receiver.received).toHaveLength(2);
    expect(waits).toEqual([1_000]);
    expect(sandbox.webhookDeliveries()).toEqual([
      { event: "employment.updated", id: 1, status: 200, attempts: 2, delivered: true },
    ]);
  });

  it("gives up after 5 attempts, doubling the wait", async () => {
    const { sandbox, receiver, waits, log } = await setup(Array(9).fill({ status: 500 }));
    await change(sandbox, 1, { position: "CTO" });
    await sandbox.webhooksSettled();
    expect(receiver.received).toHaveLength(5);
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(log.at(-1)).toBe("webhook employment.updated 1: 500 (attempt 5/5); not delivered");
  });

  it.each([
    ["a redirect", { status: 302, headers: { Location: "/elsewhere" } }],
    ["a 501", { status: 501 }],
    ["a 401", { status: 401 }],
  ])("does not retry or follow %s", async (_, answer) => {
    const { sandbox, receiver, waits } = await setup([answer]);
    await change(sandbox, 1, { position: "CTO" });
    await sandbox.webhooksSettled();
    expect(receiver.received.map((r) => r.path)).toEqual(["/webhooks/personio"]);
    expect(waits).toEqual([]);
    expect(sandbox.webhookDeliveries()).toEqual([
      { event: "employment.updated", id: 1, status: answer.status, attempts: 1, delivered: false },
    ]);
  });

  it("never logs the token", async () => {
    const { sandbox, log } = await setup([{ status: 500 }]);
    await change(sandbox, 1, { first_name: "Ida" });
    await sandbox.webhooksSettled();
    expect(log).toHaveLength(2);
    expect(log.join("\n")).not.toContain(TOKEN);
  });

  it("posts nothing without a webhook URL", async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const sandbox = await start({ employees: generateCompany(5, 1) });
    await change(sandbox, 1, { position: "CTO" });
    sandbox.setEmployees(generateCompany(6, 1));
    await sandbox.webhooksSettled();
    expect(receiver.received).toEqual([]);
    expect(sandbox.webhookDeliveries()).toEqual([]);
  });
});

describe("POST /sandbox/employees/{id}", () => {
  it.each([
    [9, { position: "CTO" }, 404, "Employee not found: 9"],
    [1, { id: 2 }, 422, "Unknown attribute: id. Allowed: "],
    [1, { shoe_size: 44 }, 422, "Unknown attribute: shoe_size. Allowed: "],
    [1, ["position"], 400, "The request body must be a JSON object of attribute values"],
  ])("answers employee %i with %j: %i", async (id, values, status, message) => {
    const { sandbox, receiver } = await setup();
    const answer = await change(sandbox, id, values as Record<string, unknown>);
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toContain(message);
    await sandbox.webhooksSettled();
    expect(receiver.received).toEqual([]);
  });
});
