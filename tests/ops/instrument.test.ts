import { ConcurrentUpdateError } from "@pulumi/pulumi/automation";
import { failureSource, observedCycle, timedStack } from "../../src/ops/instrument";
import { type CycleReport, NOOP_OBSERVER, fanOut, type RunnerObserver } from "../../src/runner/observer";
import type { GraphOutcome } from "../../src/graph";
import type { StackOps } from "../../src/engine/stack-ops";

function recorder(): { observer: RunnerObserver; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const observer: RunnerObserver = {
    cycleStarted: (at) => calls.push(["cycleStarted", at]),
    cycleEnded: (report) => calls.push(["cycleEnded", report.status, report.durationMs, report.at]),
    observeOperation: (kind, ms) => calls.push(["observeOperation", kind, ms]),
    operationFailed: (source) => calls.push(["operationFailed", source]),
    personioRequest: (status) => calls.push(["personioRequest", status]),
    employeesListed: (n) => calls.push(["employeesListed", n]),
    loopRunning: (running) => calls.push(["loopRunning", running]),
  };
  return { observer, calls };
}

describe("failureSource", () => {
  it.each([
    ["error: Personio GET /v1/company/employees offset=0: HTTP 500 (after 5 attempts)", "personio"],
    ["error: azuread:index/user:User resource 'employee-8': Authorization_RequestDenied", "graph"],
    ["error: POST https://graph.microsoft.com/v1.0/users: 403", "graph"],
    ["error: could not load plugin for azuread provider", "cli"],
    ["error: failed to decrypt configuration key", "cli"],
  ])("%s → %s", (message, source) => {
    expect(failureSource(new Error(message))).toBe(source);
  });
});

describe("timedStack", () => {
  let clock = 0;
  const stack: StackOps = {
    preview: async () => void (clock += 1500),
    up: async () => {
      clock += 200;
      throw new Error("error: Personio GET /v1/auth: HTTP 401");
    },
    refresh: async () => {
      clock += 10;
      throw new ConcurrentUpdateError("error: [409] Conflict");
    },
    lastOutputs: async () => ({ existingGroups: { a: "1" } }),
    lastRefreshAt: async () => 42,
    stackName: "prod",
    projectConfig: async () => ({}),
    runningUpdateSince: async () => undefined,
    lastSuccessAt: async () => undefined,
    recordSuccess: async () => undefined,
  };

  it("times each operation, counts failures by source, and rethrows them unchanged", async () => {
    const { observer, calls } = recorder();
    const timed = timedStack(stack, observer, () => clock);
    await timed.preview(() => undefined);
    await expect(timed.up(() => undefined)).rejects.toThrow("error: Personio GET /v1/auth: HTTP 401");
    await expect(timed.refresh()).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(await timed.lastOutputs()).toEqual({ existingGroups: { a: "1" } });
    expect(await timed.lastRefreshAt()).toBe(42);
    expect(calls).toEqual([
      ["observeOperation", "preview", 1500],
      ["operationFailed", "personio"],
      ["observeOperation", "up", 200],
      // A lock is not a failure of the operation.
      ["observeOperation", "refresh", 10],
    ]);
  });

  it("does not count a cancelled operation as a failure", async () => {
    const { observer, calls } = recorder();
    const cancel = new AbortController();
    cancel.abort();
    const timed = timedStack(
      { ...stack, preview: () => Promise.reject(new Error("update canceled")) },
      observer,
      () => 0,
    );
    await expect(timed.preview(() => undefined, cancel.signal)).rejects.toThrow("update canceled");
    expect(calls).toEqual([["observeOperation", "preview", 0]]);
  });
});

describe("observedCycle", () => {
  it("reports the start and the end with the monotonic duration and the wall time", async () => {
    const { observer, calls } = recorder();
    let mono = 100;
    let wall = 1_000_000;
    const cycle = observedCycle(
      async () => {
        mono += 2500;
        wall += 2500;
        return { status: "unchanged" };
      },
      observer,
      () => mono,
      () => wall,
    );
    expect(await cycle(new AbortController().signal)).toEqual({ status: "unchanged" });
    expect(calls).toEqual([
      ["cycleStarted", 1_000_000],
      ["cycleEnded", "unchanged", 2500, 1_002_500],
    ]);
  });
});

describe("observedCycle: a targeted cycle", () => {
  it("hands the cycle its employee ids", async () => {
    const seen: (ReadonlySet<string> | undefined)[] = [];
    const cycle = observedCycle(
      async (_stop, only) => {
        seen.push(only);
        return { status: "unchanged" };
      },
      NOOP_OBSERVER,
      () => 0,
      () => 0,
    );
    await cycle(new AbortController().signal, new Set(["812"]));
    await cycle(new AbortController().signal);
    expect(seen).toEqual([new Set(["812"]), undefined]);
  });
});

const GRAPH: GraphOutcome = {
  planned: { revokes: 1, accessPasses: 0, extensionAttributes: 0 },
  done: { revokes: 0, accessPasses: 0, extensionAttributes: 0 },
  failures: [{ employeeId: "7", call: "revokeSessions", status: 403 }],
  heldBack: 0,
  warnings: [],
};

describe("observedCycle: the report", () => {
  it.each([
    ["carries the Graph outcome and the skipped records of the result", { graph: GRAPH, skippedRecords: 2 }],
    ["leaves them out when the cycle has none", {}],
  ])("%s", async (_, extra) => {
    const reports: CycleReport[] = [];
    const observer: RunnerObserver = { ...NOOP_OBSERVER, cycleEnded: (report) => reports.push(report) };
    const result = { status: "applied" as const, ...extra };
    await observedCycle(
      async () => result,
      observer,
      () => 0,
      () => 5,
    )(new AbortController().signal);
    expect(reports).toEqual([{ status: "applied", durationMs: 0, at: 5, result, ...extra }]);
  });
});

describe("fanOut", () => {
  it("calls every observer even when one throws, and reports the error", () => {
    const { observer, calls } = recorder();
    const errors: unknown[] = [];
    const broken: RunnerObserver = {
      ...NOOP_OBSERVER,
      employeesListed: () => {
        throw new Error("bug");
      },
    };
    fanOut([broken, observer], (e) => errors.push(e)).employeesListed(7);
    expect(calls).toEqual([["employeesListed", 7]]);
    expect(errors).toEqual([new Error("bug")]);
  });
});
