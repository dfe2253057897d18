import {
  type GraphFailure,
  graphNeedsAttention,
  type GraphOutcome,
  graphStatus,
  NO_COUNTS,
} from "../../src/graph";

function outcome(fields: Partial<GraphOutcome> = {}): GraphOutcome {
  return { planned: NO_COUNTS, done: NO_COUNTS, failures: [], heldBack: 0, warnings: [], ...fields };
}
const failure = (call: GraphFailure["call"], status: number, employeeId = "7"): GraphFailure => ({
  employeeId,
  call,
  status,
});

describe("graphStatus", () => {
  it.each<[string, Partial<GraphOutcome>, string]>([
    ["nothing planned", {}, "graph: nothing to do"],
    [
      "everything done, plural",
      { done: { revokes: 3, accessPasses: 2, extensionAttributes: 41 } },
      "graph: 3 revoked, 2 access passes, 41 extension attributes",
    ],
    [
      "everything done, singular",
      { done: { revokes: 1, accessPasses: 1, extensionAttributes: 1 } },
      "graph: 1 revoked, 1 access pass, 1 extension attribute",
    ],
    [
      "a 403 names the missing permission, once per call",
      { failures: [failure("revokeSessions", 403, "2"), failure("revokeSessions", 403, "3")] },
      "graph: revoke failed (missing User.RevokeSessions.All)",
    ],
    [
      "403s of several calls, then what was done",
      {
        failures: [failure("sendMail", 403), failure("extensionAttributes", 403)],
        done: { revokes: 2, accessPasses: 0, extensionAttributes: 0 },
      },
      "graph: mail failed (missing Mail.Send), extension attributes failed (missing User.ReadWrite.All), 2 revoked",
    ],
    [
      "a pass read refused",
      { failures: [failure("readAccessPasses", 403)] },
      "graph: access pass read failed (missing UserAuthenticationMethod.ReadWrite.All)",
    ],
    ["one other failure", { failures: [failure("accessPass", 500)] }, "graph: 1 call failed"],
    [
      "other failures, unanswered included",
      { failures: [failure("accessPass", 0), failure("deleteAccessPass", 404)] },
      "graph: 2 calls failed",
    ],
    ["one revoke held back", { heldBack: 1 }, "graph: 1 revoke held back by the disables guard"],
    [
      "revokes held back, the rest done",
      { heldBack: 4, done: { revokes: 5, accessPasses: 0, extensionAttributes: 0 } },
      "graph: 4 revokes held back by the disables guard, 5 revoked",
    ],
    [
      "a stop says only why",
      { stop: { kind: "failed", message: "no Graph credentials" }, failures: [failure("accessPass", 0)] },
      "graph: stopped (no Graph credentials)",
    ],
  ])("%s", (_, fields, line) => {
    expect(graphStatus(outcome(fields))).toBe(line);
  });
});

describe("graphNeedsAttention", () => {
  it.each<[string, boolean, Partial<GraphOutcome>]>([
    ["all done", false, { done: { revokes: 1, accessPasses: 1, extensionAttributes: 1 } }],
    ["skipped accounts alone", false, { warnings: [{ employeeId: "8", code: "synced_account" }] }],
    ["a failure", true, { failures: [failure("revokeSessions", 403)] }],
    ["revokes held back", true, { heldBack: 1 }],
    ["a stop", true, { stop: { kind: "not_started", message: "stopped by SIGTERM" } }],
  ])("%s → %s", (_, attention, fields) => {
    expect(graphNeedsAttention(outcome(fields))).toBe(attention);
  });
});
