import { randomBytes } from "node:crypto";
import { generateCompany, startSandbox } from "../src/sandbox";
import { programEvents, userInputs } from "../tests/fixtures/engine-events";
import { type ReconcileChild, startReconcile, stubWorld } from "./reconcile-child";

const EMPLOYEES = 10_000;
const PEOPLE = 50;
const DELIVERIES_EACH = 2;
const DEBOUNCE_S = 10;
const HEALTH_EVERY_MS = 20;
const SETTLE_TIMEOUT_MS = 90_000;
const KILL_AFTER_MS = 150_000;
const WEBHOOK_PATH = "/webhooks/personio";
/** Every 200th employee from 1: the stub's one scripted update (employee 1) is among them. */
const IDS = Array.from({ length: PEOPLE }, (_, i) => String(1 + i * 200));

/** Every cycle's preview and `up`, answered at once: employee 1's department changes, everyone else is the same. */
function stubSteps(): Record<string, unknown> {
  const events = programEvents(
    [
      {
        employeeId: "1",
        op: "update",
        old: userInputs("1", "user1@contoso.com", { department: "A" }),
        new: userInputs("1", "user1@contoso.com", { department: "B" }),
        diffs: ["department"],
      },
    ],
    {
      employees: EMPLOYEES,
      managed: EMPLOYEES,
      enabled: EMPLOYEES,
      disabled: 0,
      adopted: 0,
      created: 0,
      skipped: 0,
    },
  );
  return { preview: { events }, up: { events } };
}

/** The `p`-th percentile (0–100) of `values`, nearest rank; NaN when empty. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** GETs `/healthz` every `HEALTH_EVERY_MS` until `stop()`: each answer's latency in ms and its status. */
function pollHealth(url: string): { stop: () => Promise<{ ms: number[]; failures: number }> } {
  const ms: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const ok = await fetch(`${url}/healthz`).then(
        async (response) => (await response.text(), response.status === 200),
        () => false,
      );
      ms.push(performance.now() - started);
      if (!ok) failures++;
      await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { ms, failures };
    },
  };
}

/** One Personio `person.updated` delivery; resolves with its status and the wall-clock ms it was answered. */
async function deliver(
  url: string,
  token: string,
  id: string,
): Promise<{ id: string; status: number; at: number }> {
  const body = JSON.stringify({
    company_id: 4711,
    event_name: "person.updated",
    occurred_at: new Date().toISOString(),
    payload: { person: { id } },
  });
  const status = await fetch(`${url}${WEBHOOK_PATH}`, {
    method: "POST",
    headers: { Authorization: token, "Content-Type": "application/json" },
    body,
  }).then(
    async (response) => (await response.text(), response.status),
    () => 0,
  );
  return { id, status, at: Date.now() };
}

/** Resolves once targeted cycles have ended for every id in `ids`, or after `timeoutMs`; false on the timeout. */
async function settled(child: ReconcileChild, ids: ReadonlySet<string>, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const covered = new Set(child.lines("cycle.targeted").flatMap((l) => String(l["only"]).split(",")));
    const started = child.lines("loop.targeted").length;
    const ended = child.lines("loop.targeted_ended").length;
    if ([...ids].every((id) => covered.has(id)) && ended === started && ended > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** The `targeted_cycles_total` and `webhook_delay_seconds` series of a `/metrics` scrape. */
function webhookSeries(text: string): { targeted: number; buckets: [number, number][]; count: number } {
  const value = (line: string) => Number(line.split(" ").pop());
  const lines = text.split("\n");
  const targeted = lines
    .filter((l) => l.startsWith("personio_azuread_targeted_cycles_total{"))
    .reduce((sum, l) => sum + value(l), 0);
  const buckets = lines
    .filter((l) => l.startsWith("personio_azuread_webhook_delay_seconds_bucket{"))
    .map((l): [number, number] => {
      const le = /le="([^"]+)"/.exec(l)?.[1] ?? "+Inf";
      return [le === "+Inf" ? Infinity : Number(le), value(l)];
    });
  const count = value(lines.find((l) => l.startsWith("personio_azuread_webhook_delay_seconds_count")) ?? "0");
  return { targeted, buckets, count };
}

/** The upper bound of the bucket holding the `p`-th percentile, as Prometheus' histogram_quantile bounds it. */
function bucketBound(buckets: readonly [number, number][], count: number, p: number): string {
  const rank = Math.ceil((p / 100) * count);
  const bound = count === 0 ? undefined : buckets.find(([, cumulative]) => cumulative >= rank)?.[0];
  return bound === undefined ? "n/a" : `≤ ${bound} s`;
}

/**
 * Issue 23: one burst of 100 Personio webhooks (`person.updated`, each of 50 employees twice, all at once) against
 * the real runner in loop mode (`reconcile --listen --debounce 10s`, stub Pulumi CLI, a 10,000-employee sandbox),
 * after its first scheduled cycle. Reports deliveries by status, targeted cycles run (goal 1–2), each person's
 * delay from delivery to the end of the targeted cycle that applied it (goal p95 < debounce + 60 s), and
 * `/healthz` latency from the burst until the targeted cycles have ended.
 */
export async function run(): Promise<void> {
  const sandbox = await startSandbox({ employees: generateCompany(EMPLOYEES, 7) });
  const world = await stubWorld(sandbox.baseUrl, sandbox.credentials, stubSteps());
  const token = randomBytes(32).toString("hex");
  const child = startReconcile(
    { ...world.env, PERSONIO_WEBHOOK_TOKEN: token },
    ["--listen", "127.0.0.1:0", "--debounce", `${DEBOUNCE_S}s`],
    KILL_AFTER_MS,
    false,
  );
  try {
    const url = String((await child.line("ops.listening"))["url"]);
    const firstStarted = performance.now();
    const first = await child.line("loop.sleep");
    const firstMs = performance.now() - firstStarted;
    console.log(
      `webhooks: ${PEOPLE * DELIVERIES_EACH} deliveries for ${PEOPLE} employees in one burst, ` +
        `${EMPLOYEES.toLocaleString("en")}-employee sandbox, stub CLI, reconcile --listen --debounce ${DEBOUNCE_S}s`,
    );
    console.log(`  (debounce ${DEBOUNCE_S} s to keep the bench short; the delay goal scales with it)`);
    console.log(
      `  first scheduled cycle:        ${String(first["status"])}, ended ${Math.round(firstMs)} ms after listening`,
    );

    const health = pollHealth(url);
    const burstStarted = performance.now();
    const answers = await Promise.all(
      IDS.flatMap((id) => Array.from({ length: DELIVERIES_EACH }, () => deliver(url, token, id))),
    );
    const burstMs = performance.now() - burstStarted;
    const accepted = new Set(answers.filter((a) => a.status === 202).map((a) => a.id));
    const ok = await settled(child, accepted, SETTLE_TIMEOUT_MS);
    const healthz = await health.stop();
    const metrics = await (await fetch(`${url}/metrics`)).text();

    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
    console.log(
      `  deliveries answered:          ${statuses.join(", ")} (all within ${Math.round(burstMs)} ms)`,
    );

    const failed = child.lines("cycle.failed");
    if (failed.length > 0)
      console.log(
        `  cycles failed:                ${failed.length}, first: ${String(failed[0]?.["reason"])}`,
      );
    const targetedLines = child.lines("cycle.targeted");
    const ends = child.lines("loop.targeted_ended");
    const series = webhookSeries(metrics);
    console.log(
      `  targeted cycles run:          ${series.targeted} (/metrics targeted_cycles_total; log: ${ends.length}, ` +
        `${ends.map((l) => `${String(l["ids"])} ids ${String(l["status"])}`).join(", ")}) (goal 1–2): ` +
        `${ok && series.targeted >= 1 && series.targeted <= 2 ? "ok" : "MISSED"}`,
    );

    // Each id's first accepted delivery to the end of the targeted cycle whose `cycle.targeted` line names it.
    const firstAnswer = new Map<string, number>();
    for (const a of answers) {
      if (a.status === 202 && !firstAnswer.has(a.id)) firstAnswer.set(a.id, a.at);
      else if (a.status === 202) firstAnswer.set(a.id, Math.min(firstAnswer.get(a.id) as number, a.at));
    }
    const delays: number[] = [];
    targetedLines.forEach((line, i) => {
      const end = ends[i];
      if (end === undefined || !["applied", "unchanged"].includes(String(end["status"]))) return;
      const endAt = Date.parse(String(end["time"]));
      for (const id of String(line["only"]).split(",")) {
        const at = firstAnswer.get(id);
        if (at !== undefined) delays.push((endAt - at) / 1000);
      }
    });
    const goalS = DEBOUNCE_S + 60;
    const p95 = percentile(delays, 95);
    console.log(
      `  delivery → applied (log):     p50 ${percentile(delays, 50).toFixed(1)} s, p95 ${p95.toFixed(1)} s ` +
        `over ${delays.length} people (goal p95 < ${goalS} s): ${p95 < goalS ? "ok" : "MISSED"}`,
    );
    console.log(
      `  delivery → applied (histogram): p50 ${bucketBound(series.buckets, series.count, 50)}, ` +
        `p95 ${bucketBound(series.buckets, series.count, 95)} (bucket bounds, ${series.count} observed)`,
    );
    console.log(
      `  /healthz every ${HEALTH_EVERY_MS} ms, burst to end: p50 ${percentile(healthz.ms, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(healthz.ms, 99).toFixed(1)} ms, max ${Math.max(...healthz.ms).toFixed(1)} ms ` +
        `over ${healthz.ms.length} requests, ${healthz.failures} not 200`,
    );
  } finally {
    const signalled = performance.now();
    child.kill("SIGTERM");
    const end = await child.exited;
    console.log(`  SIGTERM → exit:               ${Math.round(end.at - signalled)} ms, code ${end.code}`);
    await world.dispose();
    await sandbox.close();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
