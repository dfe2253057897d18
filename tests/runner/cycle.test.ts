import { existsSync } from "node:fs";
import { runCycle } from "../../src/runner/cycle";
import type { CycleOptions } from "../../src/runner/cycle-types";
import { DEFAULT_GUARDS } from "../../src/review/guards";
import type { Logger } from "../../src/util/log";
import { SuccessClock } from "../../src/runner/staleness";
import { loadStackConfig } from "../../src/config";
import { personioClient } from "../../src/pipeline/personio";
import type { Snapshot } from "../../src/snapshot";
import { employee } from "../render/fixtures";
import type { PersonioReading } from "../../src/runner/take-snapshot";
import { SimClock } from "../util/sim-clock";
import { programEvents, userInputs } from "../fixtures/engine-events";
import { FakeStack } from "./fake-stack";
import { describeFailure } from "../../src/runner/cycle-failure";
import { tempDirError } from "../../src/snapshot/temp-dir";

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
const WALL = Date.parse("2026-11-28T12:00:00Z");
const COUNTS = { employees: 40, managed: 40, enabled: 40, disabled: 0, adopted: 0, created: 0, skipped: 0 };

const SNAPSHOT: Snapshot = {
  version: 1,
  today: "2026-11-28",
  employees: [1, 2, 3].map((id) => employee(id)),
};
const CONFIG = loadStackConfig(
  {
    personio: { clientId: "id" },
    personioClientSecret: "secret",
    loginSchema: { beginning: { attribute: "email" }, end: "none", domain: "contoso.com" },
  },
  {},
);
/** The cycle's Personio read; its client is never called (no write-back configured). */
const READING: PersonioReading = { snapshot: SNAPSHOT, config: CONFIG, client: personioClient(CONFIG) };

/** `n` users updated in place (department), the first `disabled` of them also disabled. */
function updates(n: number, disabled = 0, from = 100) {
  return programEvents(
    Array.from({ length: n }, (_, i) => {
      const id = String(from + i);
      return {
        employeeId: id,
        op: "update",
        old: userInputs(id, `u${id}@contoso.com`, { department: "A" }),
        new: userInputs(id, `u${id}@contoso.com`, { department: "B", accountEnabled: i >= disabled }),
        diffs: i < disabled ? ["accountEnabled", "department"] : ["department"],
      };
    }),
    COUNTS,
  );
}

interface Setup {
  readonly clock: SimClock;
  readonly stack: FakeStack;
  readonly lines: string[];
  readonly options: CycleOptions;
  readonly stop: AbortController;
  readonly snapshotPaths: string[];
}

function setup(overrides: Partial<CycleOptions> = {}): Setup {
  const clock = new SimClock();
  const stack = new FakeStack(clock);
  stack.outputs = { counts: COUNTS };
  const lines: string[] = [];
  const log: Logger = (level, event, fields) =>
    lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`);
  const snapshotPaths: string[] = [];
  const options: CycleOptions = {
    guards: DEFAULT_GUARDS,
    refreshEveryMs: Infinity,
    readPersonio: async () => READING,
    env: {},
    graceMs: 3 * S,
    timeoutMs: 25 * MIN,
    maxLockAgeMs: 2 * H,
    maxStalenessMs: 3 * H,
    success: new SuccessClock(undefined, WALL),
    lockSeen: {},
    log,
    clock,
    wallNow: () => WALL + clock.now(),
    ...overrides,
  };
  return { clock, stack, lines, options, stop: new AbortController(), snapshotPaths };
}

async function cycle(s: Setup, stopAt?: number, signal = "SIGTERM") {
  if (stopAt !== undefined) void s.clock.sleep(stopAt).then(() => s.stop.abort(signal));
  return s.clock.run(runCycle(s.stack, s.options, s.stop.signal));
}

describe("runCycle: a targeted cycle (--only)", () => {
  it("reports its ids in numeric order, never refreshes and records no success for the stack", async () => {
    const s = setup({ refreshEveryMs: 0 });
    s.stack.preview_ = { events: updates(1, 0, 3) };
    s.stack.up_ = { events: updates(1, 0, 3) };
    const result = await s.clock.run(runCycle(s.stack, s.options, s.stop.signal, new Set(["3", "1"])));
    expect(result.status).toBe("applied");
    expect(result.only).toEqual(["1", "3"]);
    expect(s.stack.calls).toEqual(["config", "lastOutputs", "preview", "up"]);
    expect(s.stack.successes).toEqual([]);
  });

  it("stops before the preview when Personio does not list an id, naming it", async () => {
    const s = setup();
    const result = await s.clock.run(runCycle(s.stack, s.options, s.stop.signal, new Set(["3", "40", "7"])));
    expect(result).toEqual({
      status: "failed",
      error: "Invalid value for --only: 7, 40. Allowed: ids of employees Personio lists (3 listed now).",
      unknownIds: ["7", "40"],
      only: ["3", "7", "40"],
      skippedRecords: 0,
    });
    expect(s.stack.calls).toEqual(["config"]);
  });

  it("drops ids Personio does not list when told to (webhooks) and targets the rest", async () => {
    const s = setup({ unknownIds: "drop" });
    s.stack.preview_ = { events: updates(1, 0, 3) };
    s.stack.up_ = { events: updates(1, 0, 3) };
    const result = await s.clock.run(runCycle(s.stack, s.options, s.stop.signal, new Set(["3", "40"])));
    expect(result.status).toBe("applied");
    expect(result.only).toEqual(["3"]);
    expect(s.lines).toContain('warn cycle.unknown_ids {"ids":"40","left":1}');
  });

  it("ends unchanged before the preview when no id is listed any more (webhooks)", async () => {
    const s = setup({ unknownIds: "drop" });
    const result = await s.clock.run(runCycle(s.stack, s.options, s.stop.signal, new Set(["40"])));
    expect(result).toEqual({ status: "unchanged", only: [], skippedRecords: 0 });
    expect(s.stack.calls).toEqual(["config"]);
  });
});

describe("runCycle: up applies what the preview checked", () => {
  it("previews and applies from one private snapshot file, deleted when the cycle ends", async () => {
    const s = setup();
    s.stack.preview_ = { events: updates(2) };
    s.stack.up_ = { events: updates(2) };
    const result = await cycle(s);
    expect(result.status).toBe("applied");
    expect(s.stack.calls).toEqual(["config", "lastOutputs", "preview", "up"]);
    const [preview, up] = s.stack.snapshots;
    expect(preview).toEqual({ op: "preview", path: expect.any(String), mode: 0o600, employees: 3 });
    expect(up).toEqual({ ...preview, op: "up" });
    expect(existsSync(preview?.path as string)).toBe(false);
  });

  it("ignores earlier outputs of another shape (an older program wrote them), with a warning, and still applies", async () => {
    const s = setup();
    s.stack.outputs = { counts: { ...COUNTS, employees: "forty" } };
    s.stack.preview_ = { events: updates(2) };
    s.stack.up_ = { events: updates(2) };
    const result = await cycle(s);
    expect(result.status).toBe("applied");
    expect(s.lines).toContainEqual(
      `warn cycle.earlier_outputs_ignored ${JSON.stringify({
        reason:
          "Invalid stack outputs: counts.employees: Invalid input: expected number, received string. " +
          "Allowed: the outputs of this version of the program; deploy the program and the runner together.",
      })}`,
    );
  });

  it("deletes the snapshot when the preview fails", async () => {
    const s = setup();
    s.stack.preview_ = { error: new Error("error: preview failed") };
    const result = await cycle(s);
    expect(result).toEqual({ status: "failed", error: "error: preview failed", skippedRecords: 0 });
    expect(existsSync(s.stack.snapshots[0]?.path as string)).toBe(false);
  });

  it("fails, and cancels the update at the first step, when up disables accounts the preview did not", async () => {
    const s = setup();
    s.stack.preview_ = { events: updates(30, 0) };
    s.stack.up_ = { events: updates(30, 30), stepMs: 100 };
    const result = await cycle(s);
    expect(result.status).toBe("failed");
    expect(s.stack.aborted).toEqual([{ op: "up", at: expect.any(Number) }]);
    // The first user step (after the stack and component steps) was the first beyond the preview.
    expect(s.stack.aborted[0]?.at).toBe(400);
    expect(result.error).toBe(
      "up applied changes the preview did not show: 1 disables (preview: 0); " +
        "employee-100 update accountEnabled (preview: department)",
    );
    expect(s.lines.filter((l) => l.startsWith("error cycle.failed"))).toHaveLength(1);
  });

  it("names every kind of change up made beyond the preview, with the preview's numbers, and each resource", async () => {
    const s = setup();
    s.stack.preview_ = { events: updates(3, 1) };
    const extra = programEvents(
      [
        ...[100, 101, 102].map((id) => ({
          employeeId: String(id),
          op: "update",
          old: userInputs(String(id), `u${id}@contoso.com`),
          new: userInputs(String(id), `u${id}@contoso.com`, { accountEnabled: false }),
          diffs: ["accountEnabled"],
        })),
        { employeeId: "7", op: "create", new: userInputs("7", "n@contoso.com") },
        { employeeId: "8", op: "delete", old: userInputs("8", "d@contoso.com") },
      ],
      COUNTS,
    );
    s.stack.up_ = { events: extra, ignoresCancel: true };
    const result = await cycle(s);
    expect(result.error).toBe(
      "up applied changes the preview did not show: 3 disables (preview: 1), 1 deletes (preview: 0); " +
        "employee-101 update accountEnabled (preview: department); " +
        "employee-102 update accountEnabled (preview: department); " +
        "employee-7 create (preview: no step); employee-8 delete (preview: no step)",
    );
  });

  it("reports what up did, from up's own events", async () => {
    const s = setup();
    s.stack.preview_ = { events: updates(5) };
    s.stack.up_ = { events: updates(2) };
    const result = await cycle(s);
    expect(result.status).toBe("applied");
    expect(result.applied?.counts).toEqual({ update: 2 });
    expect(s.lines.find((l) => l.startsWith("info cycle.applied"))).toMatch(
      /^info cycle\.applied \{"update":2,/,
    );
  });
});

describe("runCycle: deadlines", () => {
  it("cancels the running operation at --cycle-timeout and says so", async () => {
    const s = setup();
    s.stack.preview_ = { events: updates(1) };
    s.stack.up_ = { hang: true };
    const result = await cycle(s);
    expect(result).toEqual({
      skippedRecords: 0,
      status: "failed",
      error: "cycle timed out after 25 min (--cycle-timeout) during the up; it was cancelled",
    });
    expect(s.stack.aborted).toEqual([{ op: "up", at: 25 * MIN }]);
  });

  it("times out a Personio listing that never ends", async () => {
    const s = setup({
      readPersonio: (_config, signal) =>
        new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted")))),
    });
    const result = await cycle(s);
    expect(result.error).toBe(
      "cycle timed out after 25 min (--cycle-timeout) during the Personio listing; it was cancelled",
    );
    expect(s.stack.calls).not.toContain("preview");
  });
});

describe("runCycle: signals", () => {
  it("lets a running up finish within the grace period", async () => {
    const s = setup();
    s.stack.preview_ = { events: updates(1) };
    s.stack.up_ = { events: updates(1), stepMs: 400 };
    const result = await cycle(s, 500);
    expect(result.status).toBe("applied");
    expect(s.lines.some((l) => l.startsWith("warn cycle.stopping"))).toBe(true);
  });

  it("cancels an up that outlasts the grace period, naming the signal and the grace", async () => {
    const s = setup();
    s.stack.preview_ = { events: updates(1) };
    s.stack.up_ = { hang: true };
    const result = await cycle(s, 10 * S);
    expect(result).toEqual({
      status: "failed",
      error: "up cancelled by SIGTERM after 3 s of grace",
      skippedRecords: 0,
    });
    expect(s.stack.aborted).toEqual([{ op: "up", at: 13 * S }]);
  });

  it("cancels a preview at once and starts no up", async () => {
    const s = setup();
    s.stack.preview_ = { hang: true };
    const result = await cycle(s, 10 * S, "SIGINT");
    expect(result).toEqual({
      skippedRecords: 0,
      status: "failed",
      error: "stopped by SIGINT during the preview; nothing applied",
    });
    expect(s.stack.calls).not.toContain("up");
    expect(existsSync(s.stack.snapshots[0]?.path as string)).toBe(false);
  });

  it("lets a refresh finish, then starts nothing else", async () => {
    const s = setup({ refreshEveryMs: 0 });
    s.stack.refresh_ = { stepMs: 2 * S };
    const result = await cycle(s, S);
    expect(result).toEqual({
      status: "failed",
      error: "stopped by SIGTERM before the Personio listing; nothing applied",
    });
    expect(s.stack.calls).toEqual(["refresh"]);
  });
});

describe("runCycle: after a stop, no step after up starts", () => {
  const WRITE_BACK_CONFIG = loadStackConfig(
    {
      personio: { clientId: "id" },
      personioClientSecret: "secret",
      loginSchema: { beginning: { attribute: "email" }, end: "none", domain: "contoso.com" },
      writeBack: { attribute: "dynamic_1" },
    },
    {},
  );
  const reading: PersonioReading = { ...READING, config: WRITE_BACK_CONFIG };

  function withWriteBack(): Setup & { started: number[] } {
    const started: number[] = [];
    const s = setup({
      readPersonio: async () => reading,
      writeBack: async () => {
        started.push(s.clock.now());
        return { planned: 1, written: 1, failed: [] };
      },
    });
    s.stack.preview_ = { events: updates(1) };
    return { ...s, started };
  }

  it("runs write-back after an up that nobody stopped", async () => {
    const s = withWriteBack();
    s.stack.up_ = { events: updates(1), stepMs: 400 };
    const result = await cycle(s);
    expect(result.status).toBe("applied");
    expect(s.started).toHaveLength(1);
    expect(result.writeBack).toEqual({ planned: 1, written: 1, failed: [] });
  });

  it("does not start write-back when SIGTERM came during an up that finished within its grace", async () => {
    const s = withWriteBack();
    s.stack.up_ = { events: updates(1), stepMs: 400 };
    const result = await cycle(s, 500);
    expect(result.status).toBe("applied");
    expect(s.started).toEqual([]);
    expect(result.writeBack).toEqual({
      planned: 0,
      written: 0,
      failed: [],
      stop: {
        kind: "not_started",
        message: "stopped by SIGTERM before the write-back; the next cycle runs it",
      },
    });
    expect(s.lines).toContainEqual(
      `warn cycle.write_back ${JSON.stringify({
        status: "applied, write-back stopped (not_started)",
        planned: 0,
        written: 0,
        failed: 0,
        reason: "stopped by SIGTERM before the write-back; the next cycle runs it",
      })}`,
    );
  });
});

describe("runCycle: a deadline reached during write-back", () => {
  it("fails the cycle, keeping what up applied and what write-back wrote, and says so in the log", async () => {
    const config = loadStackConfig(
      {
        personio: { clientId: "id" },
        personioClientSecret: "secret",
        loginSchema: { beginning: { attribute: "email" }, end: "none", domain: "contoso.com" },
        writeBack: { attribute: "dynamic_1" },
      },
      {},
    );
    const s = setup({
      readPersonio: async () => ({ ...READING, config }),
      // Like the real step: one PATCH done, the next waits on Personio until the cycle's signal aborts it.
      writeBack: ({ signal }) =>
        new Promise((resolve) =>
          signal.addEventListener("abort", () => resolve({ planned: 2, written: 1, failed: ["2"] })),
        ),
    });
    s.stack.preview_ = { events: updates(1) };
    s.stack.up_ = { events: updates(1), stepMs: 400 };
    const result = await cycle(s);
    const reason = "cycle timed out after 25 min (--cycle-timeout) during the write-back; it was cancelled";
    expect(result.status).toBe("failed");
    expect(result.error).toBe(reason);
    expect(result.applied?.counts).toEqual({ update: 1 });
    expect(result.writeBack).toEqual({ planned: 2, written: 1, failed: ["2"] });
    expect(s.lines.filter((l) => l.includes("cycle.write_back") || l.includes("cycle.failed"))).toEqual([
      `warn cycle.write_back ${JSON.stringify({
        status: "failed, 1 write-back failed",
        planned: 2,
        written: 1,
        failed: 1,
        reason,
      })}`,
      `error cycle.failed ${JSON.stringify({ reason, durationMs: 25 * MIN })}`,
    ]);
  });
});

describe("runCycle: locks and staleness", () => {
  const locked = (text: string) =>
    Object.assign(
      new (jest.requireActual("@pulumi/pulumi/automation").ConcurrentUpdateError)(new Error(text)),
      {},
    );

  it("skips a young lock with a warning naming its age", async () => {
    const s = setup();
    s.stack.preview_ = { error: locked("error: [409] Conflict: Another update is currently in progress.") };
    s.stack.updateSince = WALL - 10 * MIN;
    const result = await cycle(s);
    expect(result).toEqual({ status: "locked", skippedRecords: 0 });
    expect(s.lines.find((l) => l.startsWith("warn cycle.locked"))).toContain("for 10 min");
  });

  it("fails on a DIY lock older than --max-lock-age, naming its age and pulumi cancel", async () => {
    const s = setup();
    const at = new Date(WALL - (2 * H + 5 * MIN)).toISOString().replace(".000Z", "Z");
    s.stack.preview_ = {
      error: locked(
        `error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.\n  file:///state/.pulumi/locks/x.json: created by runner@host (pid 7) at ${at}`,
      ),
    };
    const result = await cycle(s);
    expect(result).toEqual({
      skippedRecords: 0,
      status: "failed",
      error:
        'the stack has been locked for 2 h 5 min (longer than --max-lock-age 2 h): if no update is running, clear the lock with "pulumi cancel --stack prod"',
    });
  });

  it("dates an undated lock from when this runner first saw it", async () => {
    const s = setup({ lockSeen: { at: WALL - 3 * H } });
    s.stack.preview_ = { error: locked("error: [409] Conflict: Another update is currently in progress.") };
    const result = await cycle(s);
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/^the stack has been locked for 3 h /);
  });

  it("logs the last success every cycle and an error while it is older than --max-staleness", async () => {
    const s = setup({ success: new SuccessClock(WALL - 4 * H, WALL - 5 * H) });
    s.stack.preview_ = { error: new Error("error: boom") };
    await cycle(s);
    expect(s.lines.at(-1)).toBe(
      `error cycle.stale {"lastSuccessAt":"${new Date(WALL - 4 * H).toISOString()}","staleForMs":${4 * H},"maxStalenessMs":${3 * H},"reason":"no successful cycle for longer than --max-staleness: accounts are not following Personio"}`,
    );
    s.stack.preview_ = { events: updates(0) };
    await cycle(s);
    expect(s.stack.successes).toHaveLength(1);
    expect(s.lines.at(-1)).toMatch(/^info cycle\.last_success \{"lastSuccessAt":"2026-11-28T12:00:/);
  });
});

describe("runCycle: errors without personal data", () => {
  it("redacts addresses and names from the CLI's cause, keeping the resource and the Graph error", async () => {
    const s = setup();
    s.stack.preview_ = { events: updates(1) };
    s.stack.up_ = {
      error: new Error(
        'code: 255\n stdout: \n stderr: azuread:index/user:User (employee-812):\n    error: Could not update user "jane.roe@example.org" (Jane Roe): Another object with the same value for property userPrincipalName already exists.\n',
      ),
    };
    const result = await cycle(s);
    expect(result.error).toBe(
      "error: Could not update user [redacted] ([redacted]): Another object with the same value for property userPrincipalName already exists.",
    );
    expect(s.lines.join("\n")).not.toMatch(/jane|Roe/i);
  });

  it("keeps a temp directory's line whole, so the failed cycle names TMPDIR and what it needs", () => {
    const error = tempDirError("/tmp/gone", Object.assign(new Error("x"), { code: "ENOENT" }));
    expect(describeFailure(error)).toBe(
      "Invalid TMPDIR: /tmp/gone does not exist (ENOENT). Allowed: a writable directory; set TMPDIR to one, or unset it for /tmp.",
    );
  });
});

describe("runCycle: records Personio sent that could not be read", () => {
  it.each([
    [
      "says how many in the listing line and the result",
      [{ employeeId: 8001, field: "termination_date" }],
      1,
    ],
    ["says nothing of them when there are none", [], 0],
  ])("%s", async (_, skipped, count) => {
    const reading: PersonioReading = { ...READING, snapshot: { ...SNAPSHOT, skipped } };
    const s = setup({ readPersonio: async () => reading });
    s.stack.preview_ = { events: updates(0) };
    const result = await cycle(s);
    expect(result).toMatchObject({ status: "unchanged", skippedRecords: count });
    const listed = s.lines.find((line) => line.startsWith("info personio.listed "));
    expect(listed).toBe(
      `info personio.listed ${JSON.stringify({ employees: 3, ...(count > 0 ? { skippedRecords: count } : {}), durationMs: 0 })}`,
    );
  });

  it("reports no count when the cycle never listed Personio", async () => {
    const s = setup({ readPersonio: () => Promise.reject(new Error("boom")) });
    const result = await cycle(s);
    expect(result.status).toBe("failed");
    expect(result).not.toHaveProperty("skippedRecords");
  });
});
