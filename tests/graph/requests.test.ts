import { countGraphActions, formatGraphCounts, type GraphAction, graphRequests } from "../../src/graph";

const ACTIONS: GraphAction[] = [
  { kind: "revokeSessions", employeeId: "5", objectId: "a5" },
  {
    kind: "accessPass",
    employeeId: "6",
    objectId: "a6",
    startDateTime: "2026-12-01T06:00:00Z",
    lifetimeInMinutes: 600,
    isUsableOnce: false,
    recipient: "user2@contoso.com",
    recipientIs: "manager",
  },
  {
    kind: "extensionAttributes",
    employeeId: "7",
    objectId: "a7",
    changes: { extensionAttribute3: "A", extensionAttribute4: null },
  },
];

describe("graphRequests", () => {
  it("turns each action into its $batch sub-request with a stable id", () => {
    expect(graphRequests(ACTIONS)).toEqual([
      { id: "revoke-a5", method: "POST", url: "/users/a5/revokeSignInSessions" },
      {
        id: "tap-a6",
        method: "POST",
        url: "/users/a6/authentication/temporaryAccessPassMethods",
        body: { startDateTime: "2026-12-01T06:00:00Z", lifetimeInMinutes: 600, isUsableOnce: false },
      },
      {
        id: "ext-a7",
        method: "PATCH",
        url: "/users/a7",
        body: { onPremisesExtensionAttributes: { extensionAttribute3: "A", extensionAttribute4: null } },
      },
    ]);
  });
});

describe("countGraphActions and formatGraphCounts", () => {
  it("counts revokes, passes and attribute values written", () => {
    expect(countGraphActions(ACTIONS)).toEqual({ revokes: 1, accessPasses: 1, extensionAttributes: 2 });
  });

  it.each([
    [
      { revokes: 3, accessPasses: 2, extensionAttributes: 41 },
      "3 sessions to revoke, 2 access passes, 41 extension attributes",
    ],
    [
      { revokes: 1, accessPasses: 1, extensionAttributes: 1 },
      "1 session to revoke, 1 access pass, 1 extension attribute",
    ],
    [
      { revokes: 0, accessPasses: 0, extensionAttributes: 0 },
      "0 sessions to revoke, 0 access passes, 0 extension attributes",
    ],
  ])("%j → %s", (counts, line) => {
    expect(formatGraphCounts(counts)).toBe(line);
  });

  it.each([
    [
      { revokes: 3, accessPasses: 2, extensionAttributes: 41 },
      "3 sessions to revoke, up to 2 access passes, 41 extension attributes",
    ],
    [
      { revokes: 0, accessPasses: 1, extensionAttributes: 0 },
      "0 sessions to revoke, up to 1 access pass, 0 extension attributes",
    ],
    [
      { revokes: 1, accessPasses: 0, extensionAttributes: 0 },
      "1 session to revoke, 0 access passes, 0 extension attributes",
    ],
  ])("says up to when the passes are a ceiling: %j → %s", (counts, line) => {
    expect(formatGraphCounts(counts, { accessPassesUpTo: true })).toBe(line);
  });
});
