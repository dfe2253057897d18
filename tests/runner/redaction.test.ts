import { loadStackConfig } from "../../src/config";
import { notificationContent } from "../../src/notify/content";
import { runnerMetrics } from "../../src/ops/metrics";
import { personioClient } from "../../src/pipeline/personio";
import { DEFAULT_GUARDS, type Refusal } from "../../src/review/guards";
import { runCycle } from "../../src/runner/cycle";
import type { CycleReport } from "../../src/runner/observer";
import { SuccessClock } from "../../src/runner/staleness";
import type { PersonioReading } from "../../src/runner/take-snapshot";
import { CycleRedactor } from "../../src/util/known-names";
import { lineLogger } from "../../src/util/log";
import { LEAKY_LINE, PEOPLE, PEOPLE_UPNS, REDACTED_LINE } from "../fixtures/people";
import { SimClock } from "../util/sim-clock";
import { FakeStack } from "./fake-stack";

const WALL = Date.parse("2026-11-28T12:00:00Z");
const CONFIG = loadStackConfig(
  {
    personio: { clientId: "id" },
    personioClientSecret: "secret",
    loginSchema: { beginning: { attribute: "email" }, end: "none", domain: "contoso.com" },
  },
  {},
);
const READING: PersonioReading = {
  snapshot: { version: 1, today: "2026-11-28", employees: PEOPLE },
  config: CONFIG,
  client: personioClient(CONFIG),
};
const COUNTS = { employees: 5, managed: 5, enabled: 5, disabled: 0, adopted: 0, created: 0, skipped: 0 };

/** A cycle whose preview fails with {@link LEAKY_LINE}, logging through the cycle's redactor as JSON lines. */
async function failingCycle() {
  const clock = new SimClock();
  const stack = new FakeStack(clock);
  stack.outputs = { counts: COUNTS, principalNames: PEOPLE_UPNS };
  stack.preview_ = {
    error: new Error(`code: 255\n stderr: azuread:index/user:User (employee-12345):\n    ${LEAKY_LINE}\n`),
  };
  const redactor = new CycleRedactor();
  const lines: string[] = [];
  const log = lineLogger(
    (line) => lines.push(line),
    true,
    () => new Date(WALL),
    redactor,
  );
  const result = await clock.run(
    runCycle(
      stack,
      {
        guards: DEFAULT_GUARDS,
        refreshEveryMs: Infinity,
        readPersonio: async () => READING,
        env: {},
        graceMs: 1_000,
        timeoutMs: 60_000,
        maxLockAgeMs: 60_000,
        maxStalenessMs: 60_000,
        success: new SuccessClock(undefined, WALL),
        lockSeen: {},
        log,
        redactor,
        clock,
        wallNow: () => WALL + clock.now(),
      },
      new AbortController().signal,
    ),
  );
  return { result, lines, log, redactor };
}

describe("a cycle redacts the people of its snapshot on every outward path", () => {
  it("the failure's cause line and its log line", async () => {
    const { result, lines } = await failingCycle();
    expect(result.error).toBe(REDACTED_LINE);
    const failed = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l["event"] === "cycle.failed");
    expect(failed).toEqual({
      time: "2026-11-28T12:00:00.000Z",
      level: "error",
      event: "cycle.failed",
      reason: REDACTED_LINE,
      durationMs: 0,
    });
  });

  it.each([false, true])("any log line's message and string fields (json %s)", async (json) => {
    const { redactor } = await failingCycle();
    const lines: string[] = [];
    lineLogger(
      (line) => lines.push(line),
      json,
      () => new Date(WALL),
      redactor,
    )("warn", LEAKY_LINE, {
      reason: LEAKY_LINE,
      employee: 12345,
    });
    expect(lines).toEqual([
      json
        ? JSON.stringify({
            time: "2026-11-28T12:00:00.000Z",
            level: "warn",
            event: REDACTED_LINE,
            reason: REDACTED_LINE,
            employee: 12345,
          })
        : `2026-11-28T12:00:00.000Z warn ${REDACTED_LINE} reason=${JSON.stringify(REDACTED_LINE)} employee=12345`,
    ]);
  });

  it("a notification's error and guard messages", async () => {
    const { redactor } = await failingCycle();
    const report: CycleReport = {
      status: "refused",
      durationMs: 1,
      at: WALL,
      result: {
        status: "refused",
        error: LEAKY_LINE,
        verdict: {
          ok: false,
          refusals: [{ guard: "deletes", message: LEAKY_LINE, override: "--allow-deletes" }],
          checked: [],
        },
      },
    };
    const content = notificationContent("refused", "prod", report, 60_000, undefined, redactor);
    expect(content.error).toBe(REDACTED_LINE);
    expect(content.guards).toEqual([{ guard: "deletes", message: REDACTED_LINE }]);
  });

  it("a metric label", async () => {
    const { redactor } = await failingCycle();
    const metrics = runnerMetrics(false, redactor);
    metrics.cycleEnded({
      status: "refused",
      durationMs: 1,
      at: WALL,
      result: {
        status: "refused",
        // Guards are a closed set today; a label value that ever carries text must still leave no one in it.
        verdict: {
          ok: false,
          refusals: [{ guard: LEAKY_LINE as Refusal["guard"], message: "m", override: "--x" }],
          checked: [],
        },
      },
    });
    const refusals = (await metrics.scrape())
      .split("\n")
      .filter((l) => l.startsWith("personio_azuread_guard_refusals_total{"));
    expect(refusals).toEqual([`personio_azuread_guard_refusals_total{guard="${REDACTED_LINE}"} 1`]);
  });
});
