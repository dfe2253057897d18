import type { EngineEvent } from "@pulumi/pulumi/automation";
import { loadStackConfig } from "../../src/config";
import { personioClient } from "../../src/pipeline/personio";
import { DEFAULT_GUARDS } from "../../src/review/guards";
import { runCoordinatorCycle } from "../../src/runner/coordinator";
import type { CycleOptions } from "../../src/runner/cycle-types";
import { SuccessClock } from "../../src/runner/staleness";
import type { PersonioReading } from "../../src/runner/take-snapshot";
import type { Snapshot } from "../../src/snapshot";
import { programEvents, userInputs } from "../fixtures/engine-events";
import { employee } from "../render/fixtures";
import { SimClock } from "../util/sim-clock";
import { FakeStack } from "./fake-stack";

const S = 1_000;
const MIN = 60 * S;
const WALL = Date.parse("2026-11-28T12:00:00Z");
const COUNTS = { employees: 10, managed: 10, enabled: 10, disabled: 0, adopted: 0, created: 0, skipped: 0 };
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
const READING: PersonioReading = { snapshot: SNAPSHOT, config: CONFIG, client: personioClient(CONFIG) };

/** Shard `shard`'s change: one user updated (department). */
function update(shard: number) {
  const id = String(100 + shard);
  return programEvents(
    [
      {
        employeeId: id,
        op: "update",
        old: userInputs(id, `u${id}@contoso.com`, { department: "A" }),
        new: userInputs(id, `u${id}@contoso.com`, { department: "B" }),
        diffs: ["department"],
      },
    ],
    COUNTS,
  );
}

function setup(shards = 4) {
  const clock = new SimClock();
  const base = new FakeStack(clock);
  const stacks = Array.from({ length: shards }, (_, shard) => {
    const stack = Object.assign(new FakeStack(clock), { stackName: `prod-${shard}` });
    stack.outputs = { counts: COUNTS };
    stack.preview_ = { events: update(shard), stepMs: S };
    stack.up_ = { events: update(shard), stepMs: S };
    return stack;
  });
  const lines: string[] = [];
  const options: CycleOptions = {
    guards: DEFAULT_GUARDS,
    refreshEveryMs: Infinity,
    readPersonio: async () => READING,
    env: {},
    graceMs: 3 * S,
    timeoutMs: 25 * MIN,
    maxLockAgeMs: 60 * MIN,
    maxStalenessMs: 180 * MIN,
    success: new SuccessClock(undefined, WALL),
    lockSeen: {},
    log: (level, event, fields) => lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`),
    clock,
    wallNow: () => WALL + clock.now(),
  };
  const run = (parallelism = 2) =>
    clock.run(
      runCoordinatorCycle(
        { base, shards, parallelism, openShard: async (index) => stacks[index] as FakeStack },
        options,
        new AbortController().signal,
      ),
    );
  return { base, stacks, lines, run };
}

describe("runCoordinatorCycle", () => {
  it("lists every shard in the result, the one whose up failed with its error, and records no success", async () => {
    const s = setup();
    (s.stacks[2] as FakeStack).up_ = {
      error: new Error("error: the backend is unreachable"),
    };
    const result = await s.run();
    expect(result.status).toBe("failed");
    expect(result.shards).toEqual([
      { shard: 0, stack: "prod-0", status: "applied" },
      { shard: 1, stack: "prod-1", status: "applied" },
      { shard: 2, stack: "prod-2", status: "failed", error: "error: the backend is unreachable" },
      { shard: 3, stack: "prod-3", status: "applied" },
    ]);
    expect(result.error).toBe(
      "1 of 4 shards failed to apply (prod-2), the others applied: prod-2: error: the backend is unreachable",
    );
    expect(result.applied?.counts).toEqual({ update: 3 });
    expect(s.base.successes).toEqual([]);
  });

  it("stops before any up when one shard's preview fails: the sum would miss a part", async () => {
    const s = setup();
    (s.stacks[1] as FakeStack).preview_ = { error: new Error("error: preview failed") };
    const result = await s.run();
    expect(result.status).toBe("failed");
    expect(result.error).toBe("shard 1 (prod-1): error: preview failed; nothing applied");
    expect(result.shards).toEqual([
      { shard: 1, stack: "prod-1", status: "failed", error: "error: preview failed" },
    ]);
    expect(s.stacks.flatMap((stack) => stack.calls.filter((call) => call === "up"))).toEqual([]);
  });

  it("previews and updates at most `parallelism` shards at a time", async () => {
    const s = setup();
    let running = 0;
    let most = 0;
    for (const stack of s.stacks)
      for (const op of ["preview", "up"] as const) {
        const original = stack[op].bind(stack);
        stack[op] = async (
          onEvent: (event: EngineEvent) => void,
          signal?: AbortSignal,
          env?: Record<string, string>,
        ) => {
          most = Math.max(most, ++running);
          try {
            await original(onEvent, signal, env);
          } finally {
            running--;
          }
        };
      }
    const result = await s.run(2);
    expect(result.status).toBe("applied");
    expect(most).toBe(2);
    expect(result.shards?.map((shard) => shard.status)).toEqual(["applied", "applied", "applied", "applied"]);
    expect(s.base.successes).toHaveLength(1);
  });
});
