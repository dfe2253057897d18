import type { GraphOutcome } from "../../src/graph";
import type { CycleResult, CycleStatus } from "../../src/runner/cycle-types";
import type { Refusal } from "../../src/review/guards";
import { initialNotifyState, nextNotifications, type NotificationKind } from "../../src/notify/policy";

const HOUR = 3_600_000;
const refusal = (guard: Refusal["guard"]): Refusal => ({
  guard,
  message: guard,
  override: `--allow-${guard}`,
});

type Step =
  | CycleStatus
  | "refused:deletes"
  | "refused:shrink"
  | "refused:deletes+shrink"
  | `${"applied" | "unchanged"}:${keyof typeof GRAPH}`;

const NONE = { revokes: 0, accessPasses: 0, extensionAttributes: 0 };
const outcome = (change: Partial<GraphOutcome>): GraphOutcome => ({
  planned: NONE,
  done: NONE,
  failures: [],
  heldBack: 0,
  warnings: [],
  ...change,
});
/** Graph outcomes a step can name after a colon: `applied:revoke-failed`. */
const GRAPH = {
  "revoke-failed": outcome({ failures: [{ employeeId: "7", call: "revokeSessions", status: 403 }] }),
  "graph-stopped": outcome({ stop: { kind: "failed", message: "Graph GET /v1.0/users failed: HTTP 503" } }),
  "graph-not-started": outcome({ stop: { kind: "not_started", message: "stopped by SIGTERM" } }),
  "held-back": outcome({ heldBack: 2 }),
  "graph-ok": outcome({ done: { ...NONE, revokes: 3 } }),
};

/** Runs the steps one hour apart from t=0 (the start) and collects what each one sends. */
function run(steps: readonly Step[], maxStalenessMs = 3 * HOUR): NotificationKind[][] {
  let state = initialNotifyState(0);
  return steps.map((step, index) => {
    const [status, guards] = step.split(":") as [CycleStatus, string | undefined];
    const graph = GRAPH[guards as keyof typeof GRAPH] as GraphOutcome | undefined;
    const result: CycleResult =
      graph !== undefined
        ? { status, graph }
        : guards === undefined
          ? { status }
          : {
              status,
              verdict: {
                ok: false,
                refusals: guards.split("+").map((g) => refusal(g as Refusal["guard"])),
                checked: [],
              },
            };
    const decision = nextNotifications(
      state,
      { status, durationMs: 1, result, at: (index + 1) * HOUR },
      maxStalenessMs,
    );
    state = decision.state;
    return decision.send;
  });
}

describe("when to notify", () => {
  it.each<[string, Step[], NotificationKind[][]]>([
    ["nothing while all is well", ["applied", "unchanged", "applied"], [[], [], []]],
    [
      "the first failure after a success, not the next ones",
      ["applied", "failed", "failed"],
      [[], ["failing"], []],
    ],
    ["a failure right at the start", ["failed", "failed"], [["failing"], []]],
    [
      "the recovery after failures",
      ["applied", "failed", "failed", "unchanged", "applied"],
      [[], ["failing"], [], ["recovered"], []],
    ],
    [
      "a refusal once while the same guard refuses",
      ["refused:deletes", "refused:deletes"],
      [["refused"], []],
    ],
    [
      "a refusal again when other guards refuse",
      ["refused:deletes", "refused:deletes+shrink", "refused:shrink"],
      [["refused"], ["refused"], ["refused"]],
    ],
    [
      "a failure after a refusal",
      ["refused:deletes", "failed", "refused:deletes"],
      [["refused"], ["failing"], ["refused"]],
    ],
    ["the recovery after a refusal", ["refused:deletes", "applied"], [["refused"], ["recovered"]]],
    ["nothing for a lock", ["applied", "locked", "locked", "applied"], [[], [], [], []]],
    [
      "a lock keeps the failing state",
      ["failed", "locked", "failed", "applied"],
      [["failing"], [], [], ["recovered"]],
    ],
    // 3 h after the last success (t=1 h) is t=4 h: crossing it is at t=5 h, once.
    [
      "staleness once, when crossed",
      ["applied", "locked", "locked", "locked", "locked", "locked"],
      [[], [], [], [], ["stale"], []],
    ],
    [
      "staleness and its recovery",
      ["applied", "locked", "locked", "locked", "locked", "unchanged"],
      [[], [], [], [], ["stale"], ["recovered"]],
    ],
    [
      "staleness among failures, counted from the start when nothing ever succeeded",
      ["failed", "failed", "failed", "failed"],
      [["failing"], [], [], ["stale"]],
    ],
    [
      "a failed Graph action once, as a failure, and the recovery",
      ["applied", "applied:revoke-failed", "unchanged:revoke-failed", "unchanged:graph-ok"],
      [[], ["failing"], [], ["recovered"]],
    ],
    [
      "a Graph step stopped by a failure, as a failure",
      ["unchanged", "unchanged:graph-stopped", "applied"],
      [[], ["failing"], ["recovered"]],
    ],
    [
      "nothing for revokes held back or a step not started (the next cycle does them)",
      ["applied", "applied:held-back", "unchanged:graph-not-started", "applied"],
      [[], [], [], []],
    ],
    [
      "a failed Graph action after failed cycles adds nothing, and counts as a success for staleness",
      ["failed", "applied:revoke-failed", "locked", "locked", "locked", "locked"],
      [["failing"], [], [], [], [], ["stale"]],
    ],
  ])("%s", (_name, steps, expected) => {
    expect(run(steps)).toEqual(expected);
  });
});
