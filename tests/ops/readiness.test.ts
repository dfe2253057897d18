import type { CycleResult, CycleStatus } from "../../src/runner/cycle-types";
import type { Refusal } from "../../src/review/guards";
import { INITIAL_READINESS, nextReadiness, readiness, type ReadinessState } from "../../src/ops/readiness";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-28T08:00:00.000Z");
const deletes: Refusal = {
  guard: "deletes",
  message: "deletes: 1 user delete/replace (employee 8)",
  override: "--allow-deletes",
};
const shrink: Refusal = { guard: "shrink", message: "shrink: …", override: "--allow-shrink" };

function fold(steps: readonly [CycleStatus, number, Refusal[]?][]): ReadinessState {
  return steps.reduce<ReadinessState>((state, [status, at, refusals]) => {
    const result: CycleResult =
      refusals === undefined ? { status } : { status, verdict: { ok: false, refusals, checked: [] } };
    return nextReadiness(state, { status, durationMs: 1000, result, at });
  }, INITIAL_READINESS);
}

describe("readiness", () => {
  it.each<[string, [CycleStatus, number, Refusal[]?][], number, object]>([
    [
      "no cycle yet",
      [],
      T0,
      { ready: false, reason: "never-succeeded", detail: "no cycle has finished yet" },
    ],
    [
      "applied just now",
      [["applied", T0]],
      T0 + 1000,
      { ready: true, lastStatus: "applied", lastSuccessAt: "2026-11-28T08:00:00.000Z" },
    ],
    [
      "unchanged, 3 h ago exactly (at the limit)",
      [["unchanged", T0]],
      T0 + 3 * HOUR,
      { ready: true, lastStatus: "unchanged", lastSuccessAt: "2026-11-28T08:00:00.000Z" },
    ],
    [
      "unchanged, 3 h and 1 ms ago",
      [["unchanged", T0]],
      T0 + 3 * HOUR + 1,
      {
        ready: false,
        reason: "stale",
        detail: "the last success is older than --max-staleness (180 min)",
        lastSuccessAt: "2026-11-28T08:00:00.000Z",
      },
    ],
    [
      "refused by two guards after a success",
      [
        ["applied", T0],
        ["refused", T0 + HOUR, [deletes, shrink]],
      ],
      T0 + HOUR,
      {
        ready: false,
        reason: "refused",
        detail:
          "guard deletes, shrink refused the last cycle; override once with --allow-deletes --allow-shrink",
        lastSuccessAt: "2026-11-28T08:00:00.000Z",
      },
    ],
    [
      "two failures in a row",
      [
        ["failed", T0],
        ["failed", T0 + 60_000],
      ],
      T0 + 60_000,
      { ready: false, reason: "failing", detail: "2 failed cycles in a row" },
    ],
    [
      "failures counted again after a success",
      [
        ["failed", T0],
        ["applied", T0 + 1],
        ["failed", T0 + 2],
      ],
      T0 + 2,
      {
        ready: false,
        reason: "failing",
        detail: "1 failed cycle in a row",
        lastSuccessAt: "2026-11-28T08:00:00.001Z",
      },
    ],
    [
      "locked briefly after a success",
      [
        ["applied", T0],
        ["locked", T0 + HOUR],
      ],
      T0 + HOUR,
      { ready: true, lastStatus: "locked", lastSuccessAt: "2026-11-28T08:00:00.000Z" },
    ],
    [
      "locked for longer than --max-staleness",
      [
        ["applied", T0],
        ["locked", T0 + HOUR],
        ["locked", T0 + 4 * HOUR],
      ],
      T0 + 4 * HOUR,
      {
        ready: false,
        reason: "locked",
        detail: "the stack has been locked by another update since 2026-11-28T09:00:00.000Z",
        lastSuccessAt: "2026-11-28T08:00:00.000Z",
      },
    ],
    [
      "locked since the start",
      [["locked", T0]],
      T0,
      {
        ready: false,
        reason: "locked",
        detail: "the stack has been locked by another update since 2026-11-28T08:00:00.000Z",
      },
    ],
  ])("%s", (_name, steps, now, expected) => {
    expect(readiness(fold(steps), now, 3 * HOUR)).toEqual(expected);
  });
});
