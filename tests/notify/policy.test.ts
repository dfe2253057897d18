import type { CycleResult, CycleStatus } from "../../src/runner/cycle-types";
import type { Refusal } from "../../src/review/guards";
import { initialNotifyState, nextNotifications, type NotificationKind } from "../../src/notify/policy";

const HOUR = 3_600_000;
const refusal = (guard: Refusal["guard"]): Refusal => ({
  guard,
  message: guard,
  override: `--allow-${guard}`,
});

type Step = CycleStatus | "refused:deletes" | "refused:shrink" | "refused:deletes+shrink";

/** Runs the steps one hour apart from t=0 (the start) and collects what each one sends. */
function run(steps: readonly Step[], maxStalenessMs = 3 * HOUR): NotificationKind[][] {
  let state = initialNotifyState(0);
  return steps.map((step, index) => {
    const [status, guards] = step.split(":") as [CycleStatus, string | undefined];
    const result: CycleResult =
      guards === undefined
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
  ])("%s", (_name, steps, expected) => {
    expect(run(steps)).toEqual(expected);
  });
});
