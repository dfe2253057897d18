import { request } from "node:http";
import { startOpsServer, type OpsHandlers, type OpsServer } from "../../src/ops/server";
import { PendingIds } from "../../src/webhooks/pending-ids";
import { type DeliveryOutcome, webhookReceiver } from "../../src/webhooks/receiver";
import { TokenBucket } from "../../src/webhooks/token-bucket";

const TOKEN = "k".repeat(48);
const PATH = "/webhooks/personio";
const handlers: OpsHandlers = {
  healthz: () => ({ status: 200, contentType: "application/json", body: '{"alive":true}\n' }),
  readyz: () => ({ status: 200, contentType: "application/json", body: "{}\n" }),
  metrics: async () => ({ status: 200, contentType: "text/plain", body: "\n" }),
};
const event = (event_name: string, payload: object) =>
  JSON.stringify({ company_id: "1", event_name, occurred_at: "2026-11-26T10:00:00Z", payload });

let server: OpsServer;
let queue: PendingIds;
let outcomes: [DeliveryOutcome, string | undefined][];

async function start(capacity = 1_000, withWebhook = true): Promise<void> {
  outcomes = [];
  queue = new PendingIds(() => 0);
  const bucket = new TokenBucket(capacity, 0, () => 0);
  const handle = webhookReceiver({
    token: TOKEN,
    enqueue: (id) => queue.add(id),
    admit: () => bucket.take(),
    onDelivery: (outcome, detail) => outcomes.push([outcome, detail]),
  });
  server = await startOpsServer(
    "127.0.0.1",
    0,
    withWebhook ? { ...handlers, webhook: { path: PATH, handle } } : handlers,
    (error) => {
      throw error;
    },
  );
}
afterEach(() => server.close());

interface Sent {
  readonly method?: string;
  readonly path?: string;
  readonly authorization?: string;
  readonly body?: string | Buffer;
  /** Chunks written without a Content-Length, as long as the server reads. */
  readonly stream?: number;
}

function send(sent: Sent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (sent.authorization !== undefined) headers["Authorization"] = sent.authorization;
    const req = request(
      `${server.url}${sent.path ?? PATH}`,
      { method: sent.method ?? "POST", headers },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    if (sent.stream !== undefined) {
      const chunk = Buffer.alloc(16 * 1024, "a");
      for (let i = 0; i < sent.stream; i++) req.write(chunk);
      return;
    }
    req.end(sent.body);
  });
}

describe("the webhook route", () => {
  it.each([
    ["the token as Personio sends it", 202, "accepted", TOKEN],
    ["Bearer and the token", 202, "accepted", `Bearer ${TOKEN}`],
    ["no Authorization header", 401, "unauthorized", undefined],
    ["a wrong token", 401, "unauthorized", "k".repeat(47) + "j"],
    ["a prefix of the token", 401, "unauthorized", TOKEN.slice(0, 10)],
  ])("answers %s with %i (%s)", async (_, status, outcome, authorization) => {
    await start();
    const body = event("person.updated", { id: "812" });
    expect((await send({ authorization, body })).status).toBe(status);
    expect(outcomes.map(([o]) => o)).toEqual([outcome]);
    expect([...queue.take().ids]).toEqual(status === 202 ? ["812"] : []);
  });

  it("does not parse the body of an unauthorized delivery", async () => {
    await start();
    expect(await send({ authorization: "wrong", body: "{not json" })).toEqual({
      status: 401,
      body: "unauthorized\n",
    });
    expect(outcomes).toEqual([["unauthorized", "unauthorized"]]);
  });

  it("is off (404) without a token", async () => {
    await start(1_000, false);
    expect(await send({ authorization: TOKEN, body: event("person.updated", { id: "812" }) })).toEqual({
      status: 404,
      body: "not found\n",
    });
  });

  it("answers another method with 405", async () => {
    await start();
    expect(await send({ method: "GET", authorization: TOKEN })).toEqual({
      status: 405,
      body: "method not allowed\n",
    });
  });

  it.each([
    ["a Content-Length over 64 KB", { body: Buffer.alloc(64 * 1024 + 1, "a") }],
    ["a chunked body that grows past 64 KB", { stream: 8 }],
  ])("answers %s with 413 and stops reading", async (_, sent) => {
    await start();
    const reason = "Webhook body too large: over 65536 bytes. Allowed: up to 65536 bytes.";
    expect(await send({ authorization: TOKEN, ...sent })).toEqual({ status: 413, body: `${reason}\n` });
    expect(outcomes).toEqual([["rejected", reason]]);
  });

  it("takes a body of exactly 64 KB", async () => {
    await start();
    const body = event("person.updated", { id: "812", pad: "" });
    const padded = body.replace('"pad":""', `"pad":"${"p".repeat(64 * 1024 - body.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(64 * 1024);
    expect((await send({ authorization: TOKEN, body: padded })).status).toBe(202);
  });

  it.each([
    ["malformed JSON", "{", "Invalid webhook body: not JSON. Allowed: a JSON object."],
    [
      "an envelope without a payload",
      JSON.stringify({ company_id: "1", event_name: "person.updated", occurred_at: "x" }),
      "Invalid webhook envelope: payload. Allowed: an object with company_id, event_name, occurred_at and payload (an object).",
    ],
  ])("answers %s with 400", async (_, body, reason) => {
    await start();
    expect(await send({ authorization: TOKEN, body })).toEqual({ status: 400, body: `${reason}\n` });
    expect(outcomes).toEqual([["rejected", reason]]);
  });

  it("answers an unknown event 202, ignores and counts it", async () => {
    await start();
    expect(await send({ authorization: TOKEN, body: event("absence-period.created", { id: "9" }) })).toEqual({
      status: 202,
      body: "ignored\n",
    });
    expect(outcomes).toEqual([["ignored", "absence-period.created"]]);
    expect(queue.size).toBe(0);
  });

  it("queues a person once however often it is delivered", async () => {
    await start();
    for (const body of [
      event("person.updated", { id: "812" }),
      event("employment.updated", { person: { id: "812" } }),
      event("person.updated", { id: "812" }),
      event("employment.terminated", { person_id: "913" }),
    ])
      expect((await send({ authorization: TOKEN, body })).status).toBe(202);
    expect([...queue.take().ids]).toEqual(["812", "913"]);
  });

  it("answers a burst beyond the bucket with 429 and keeps answering /healthz meanwhile", async () => {
    await start(50);
    const body = event("person.updated", { id: "812" });
    const burst = Array.from({ length: 1_000 }, () => send({ authorization: TOKEN, body }));
    const health = await send({ method: "GET", path: "/healthz" });
    const statuses = (await Promise.all(burst)).map((answer) => answer.status);
    expect(health).toEqual({ status: 200, body: '{"alive":true}\n' });
    expect([statuses.filter((s) => s === 202).length, statuses.filter((s) => s === 429).length]).toEqual([
      50, 950,
    ]);
    expect(outcomes.filter(([o]) => o === "throttled").length).toBe(950);
    expect(queue.size).toBe(1);
  });
});
