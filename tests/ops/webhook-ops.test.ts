import { startOps, type Ops } from "../../src/ops/setup";
import { SimClock } from "../util/sim-clock";

const TOKEN = "w".repeat(40);
const PATH = "/hooks/personio";

function webhookSeries(scrape: string): string[] {
  return scrape
    .split("\n")
    .filter((l) => /^personio_azuread_(webhook_|targeted_)/.test(l) && !l.includes("_bucket{"));
}

let ops: Ops | undefined;
afterEach(() => ops?.close());

async function open(token: string | undefined) {
  const lines: string[] = [];
  const clock = new SimClock();
  ops = await startOps(
    { listen: { host: "127.0.0.1", port: 0 }, maxStalenessMs: 3_600_000, webhook: { path: PATH, token } },
    {
      log: (level, event, fields) => lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`),
      clock,
      wallNow: () => 0,
      stack: "dev",
    },
  );
  const url = /"url":"([^"]+)"/.exec(lines.find((l) => l.includes("ops.listening")) ?? "")?.[1] ?? "";
  return { lines, url, clock };
}

const post = (url: string, body: string, authorization = TOKEN) =>
  fetch(`${url}${PATH}`, { method: "POST", headers: { Authorization: authorization }, body });

describe("the webhook route of the operations server", () => {
  it("queues the ids, counts deliveries by outcome, targeted cycles and their delay", async () => {
    const { url, lines } = await open(TOKEN);
    const envelope = (event_name: string, payload: object) =>
      JSON.stringify({ company_id: "1", event_name, occurred_at: "2026-11-26T10:00:00Z", payload });
    expect((await post(url, envelope("person.updated", { id: "812" }))).status).toBe(202);
    expect((await post(url, envelope("person.updated", { id: "812" }))).status).toBe(202);
    expect((await post(url, envelope("document.created", { id: "1" }))).status).toBe(202);
    expect((await post(url, "{")).status).toBe(400);
    expect((await post(url, "{}", "nope")).status).toBe(401);
    const batch = ops?.targets?.take();
    expect([...(batch?.ids ?? [])]).toEqual(["812"]);
    batch?.settled({ status: "applied" });
    const scrape = await (await fetch(`${url}/metrics`)).text();
    expect(webhookSeries(scrape)).toEqual([
      'personio_azuread_webhook_deliveries_total{outcome="accepted"} 2',
      'personio_azuread_webhook_deliveries_total{outcome="unauthorized"} 1',
      'personio_azuread_webhook_deliveries_total{outcome="ignored"} 1',
      'personio_azuread_webhook_deliveries_total{outcome="rejected"} 1',
      'personio_azuread_webhook_deliveries_total{outcome="throttled"} 0',
      'personio_azuread_targeted_cycles_total{status="applied"} 1',
      "personio_azuread_webhook_delay_seconds_sum 0",
      "personio_azuread_webhook_delay_seconds_count 1",
    ]);
    expect(lines.filter((l) => l.includes("webhook") || l.includes("listening"))).toEqual([
      `info ops.listening {"url":"${url}","paths":"/healthz /readyz /metrics ${PATH}"}`,
      'warn webhook.rejected {"reason":"Invalid webhook body: not JSON. Allowed: a JSON object."}',
    ]);
  });

  it("is off without a token: 404, no queue, and says why", async () => {
    const { url, lines } = await open(undefined);
    expect((await post(url, "{}")).status).toBe(404);
    expect(ops?.targets).toBeUndefined();
    expect(lines.filter((l) => l.includes("webhook"))).toEqual([
      'info webhook.off {"reason":"PERSONIO_WEBHOOK_TOKEN is not set"}',
    ]);
  });
});
