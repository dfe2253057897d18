import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { runReconcileCommand } from "../../src/cli/reconcile-command";
import { type Clock, systemClock } from "../../src/util/clock";
import { programEvents, userInputs } from "../fixtures/engine-events";
import { COUNTS, EMPLOYEES, reconcileDeps, ROOT, scenario, STUB, useStubWorld } from "../runner/stub-harness";

/**
 * The reconcile loop with --listen and --notify-url, against the stub CLI, through refused → failed →
 * recovered: what an operator's probes, scraper and chat channel see after each cycle. The loop's sleeps wait
 * for the test, so each state is looked at before the next cycle starts.
 */
useStubWorld();

const deleting = programEvents(
  [{ employeeId: "8", op: "delete", old: userInputs("8", "anna@contoso.com") }],
  COUNTS,
);
const update = programEvents(
  [
    { employeeId: "7", op: "create", new: userInputs("7", "new.hire@contoso.com", { password: "[secret]" }) },
    {
      employeeId: "9",
      op: "same",
      old: userInputs("9", "x@contoso.com"),
      new: userInputs("9", "x@contoso.com"),
    },
  ],
  COUNTS,
);

let hook: Server;
let received: Record<string, unknown>[];
beforeEach(async () => {
  received = [];
  hook = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(200).end("1");
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
});
afterEach(async () => {
  await new Promise<void>((resolve) => hook.close(() => resolve()));
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

function metricValue(scrape: string, series: string): number | undefined {
  const line = scrape.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

it("shows refused → failed → recovered on /readyz and /metrics and sends one notification each", async () => {
  scenario({
    preview: [
      { events: deleting },
      {
        exitCode: 1,
        stderr: "error: Personio GET /v1/company/employees offset=0: HTTP 500 (after 5 attempts)\n",
      },
      { events: update },
    ],
    up: { events: update },
    "stack output": { stdout: JSON.stringify({ counts: COUNTS }) },
  });
  // The loop's sleeps between cycles (the ones on the stop signal) wait until the test releases them; the
  // cycle's own timers (its deadline) run on the system clock.
  const stop = new AbortController();
  const sleeping: (() => void)[] = [];
  const clock: Clock = {
    now: () => performance.now(),
    sleep: (ms, signal) =>
      signal !== stop.signal
        ? systemClock.sleep(ms, signal)
        : new Promise<void>((resolve, reject) => {
            sleeping.push(resolve);
            signal?.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
          }),
  };
  const out: string[] = [];
  const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  const running = runReconcileCommand(
    [
      ...["--stack", "prod", "--cwd", ROOT, "--pulumi-root", STUB, "--refresh-every", "never"],
      ...[
        "--listen",
        "127.0.0.1:0",
        "--notify-url",
        hookUrl,
        "--notify-format",
        "json",
        "--max-staleness",
        "3h",
      ],
    ],
    reconcileDeps({ stdout: (l) => out.push(l), clock, stop: stop.signal }),
  );
  await until(() => out.some((l) => l.includes("ops.listening")), "the ops server");
  const base = /url=(http:\/\/\S+)/.exec(
    out.find((l) => l.includes("ops.listening")) as string,
  )?.[1] as string;
  expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: '{"alive":true}\n' });

  // 1: a guard refuses.
  await until(() => sleeping.length === 1 && received.length === 1, "cycle 1");
  const refused = await get(`${base}/readyz`);
  expect(refused.status).toBe(503);
  expect(JSON.parse(refused.body)).toEqual({
    ready: false,
    reason: "refused",
    detail: "guard deletes refused the last cycle; override once with --allow-deletes",
  });
  expect(received[0]).toMatchObject({
    source: "personio-azuread",
    event: "refused",
    stack: "prod",
    status: "refused",
    override: "--allow-deletes",
    counts: { delete: 1 },
    guards: [{ guard: "deletes", message: expect.stringContaining("employee 8") }],
  });

  // 2: the preview fails.
  sleeping[0]?.();
  await until(() => sleeping.length === 2 && received.length === 2, "cycle 2");
  const failing = await get(`${base}/readyz`);
  expect(failing).toEqual({
    status: 503,
    body: '{"ready":false,"reason":"failing","detail":"1 failed cycle in a row"}\n',
  });
  expect(received[1]).toMatchObject({
    event: "failing",
    status: "failed",
    error: "error: Personio GET /v1/company/employees offset=0: HTTP 500 (after 5 attempts)",
  });

  // 3: it applies again.
  sleeping[1]?.();
  await until(() => sleeping.length === 3 && received.length === 3, "cycle 3");
  const ready = await get(`${base}/readyz`);
  expect(ready.status).toBe(200);
  expect(JSON.parse(ready.body)).toEqual({
    ready: true,
    lastStatus: "applied",
    lastSuccessAt: expect.any(String),
  });
  expect(received[2]).toMatchObject({
    event: "recovered",
    status: "applied",
    counts: { create: 1, same: 1 },
  });

  const metrics = await get(`${base}/metrics`);
  expect(metrics.status).toBe(200);
  const scrape = metrics.body;
  expect(metricValue(scrape, 'personio_azuread_cycles_total{status="refused"}')).toBe(1);
  expect(metricValue(scrape, 'personio_azuread_cycles_total{status="failed"}')).toBe(1);
  expect(metricValue(scrape, 'personio_azuread_cycles_total{status="applied"}')).toBe(1);
  expect(metricValue(scrape, 'personio_azuread_guard_refusals_total{guard="deletes"}')).toBe(1);
  expect(metricValue(scrape, 'personio_azuread_operation_failures_total{source="personio"}')).toBe(1);
  expect(metricValue(scrape, 'personio_azuread_users{operation="create"}')).toBe(1);
  expect(metricValue(scrape, 'personio_azuread_users{operation="same"}')).toBe(1);
  expect(metricValue(scrape, "personio_azuread_employees_listed")).toBe(EMPLOYEES.length);
  expect(metricValue(scrape, 'personio_azuread_personio_requests_total{status="200"}')).toBeGreaterThan(0);
  expect(metricValue(scrape, 'personio_azuread_operation_duration_seconds_count{operation="personio"}')).toBe(
    3,
  );
  expect(metricValue(scrape, 'personio_azuread_operation_duration_seconds_count{operation="preview"}')).toBe(
    3,
  );
  expect(metricValue(scrape, 'personio_azuread_operation_duration_seconds_count{operation="up"}')).toBe(1);
  expect(metricValue(scrape, "personio_azuread_last_success_timestamp_seconds")).toBeGreaterThan(0);
  // No personal data anywhere the operator sees: the events carry UPNs, these must not.
  expect(scrape).not.toContain("@");
  expect(JSON.stringify(received)).not.toContain("@");
  expect(received).toHaveLength(3);

  stop.abort();
  expect(await running).toBe(0);
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
}, 90_000);
