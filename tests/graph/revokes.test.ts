import { planRevokes } from "../../src/graph";
import { applied, desired, employee, input, tenantUser } from "./fixtures";

// Left 2026-09-30: disabled from 2026-10-01 00:00 Berlin = 2026-09-30T22:00:00Z.
const LEAVER = employee(5, { terminationDate: "2026-09-30" });
const DISABLED = desired(5, { accountEnabled: false });

function plan(
  now: string,
  account = tenantUser(5, { accountEnabled: false }),
  user = DISABLED,
  who = LEAVER,
) {
  return planRevokes(input({ now: new Date(now), employees: [who], users: [user], tenant: [account] }));
}

describe("planRevokes", () => {
  it.each<[string, string, string | null, number]>([
    ["sessions never revoked, after the disable moment", "2026-10-01T08:00:00Z", null, 1],
    ["valid from before the disable moment", "2026-10-01T08:00:00Z", "2026-09-30T21:59:59Z", 1],
    ["valid from the disable moment exactly", "2026-10-01T08:00:00Z", "2026-09-30T22:00:00Z", 0],
    ["valid from after the disable moment", "2026-10-01T08:00:00Z", "2026-10-01T07:00:00Z", 0],
    ["one second after local midnight", "2026-09-30T22:00:01Z", null, 1],
    ["one second before local midnight (still Sep 30 in Berlin)", "2026-09-30T21:59:59Z", null, 0],
    ["years later, never revoked", "2029-01-01T00:00:00Z", null, 1],
  ])("%s (now %s, valid from %s) → %i revoke(s)", (_case, now, validFrom, count) => {
    const result = plan(
      now,
      tenantUser(5, { accountEnabled: false, signInSessionsValidFromDateTime: validFrom }),
    );
    expect(result).toEqual({
      actions: Array.from({ length: count }, () => ({
        kind: "revokeSessions",
        employeeId: "5",
        objectId: "obj-5",
      })),
      warnings: [],
    });
  });

  it.each<[string, string, string, number]>([
    // Left 2026-03-28; the day after is the DST change: 00:00 CET = 2026-03-28T23:00:00Z.
    ["before the change", "2026-03-28", "2026-03-28T22:59:59Z", 1],
    ["at the change day's midnight", "2026-03-28", "2026-03-28T23:00:00Z", 0],
    // Left 2026-10-24; 2026-10-25 00:00 CEST = 2026-10-24T22:00:00Z.
    ["before the autumn change", "2026-10-24", "2026-10-24T21:59:59Z", 1],
    ["at the autumn change day's midnight", "2026-10-24", "2026-10-24T22:00:00Z", 0],
  ])("DST day in Berlin: sessions valid from %s (left %s, from %s) → %i", (_case, left, validFrom, count) => {
    const who = employee(5, { terminationDate: left });
    const account = tenantUser(5, { accountEnabled: false, signInSessionsValidFromDateTime: validFrom });
    expect(plan("2026-11-01T12:00:00Z", account, DISABLED, who).actions).toHaveLength(count);
  });

  it.each([
    ["the account is still enabled in the tenant", tenantUser(5, { accountEnabled: true }), DISABLED, LEAVER],
    ["Graph does not say whether it is enabled", tenantUser(5, { accountEnabled: null }), DISABLED, LEAVER],
    ["the desired user is enabled", tenantUser(5, { accountEnabled: false }), desired(5), LEAVER],
    ["there is no termination date", tenantUser(5, { accountEnabled: false }), DISABLED, employee(5)],
    ["the account is another employee's", tenantUser(6, { accountEnabled: false }), DISABLED, LEAVER],
    ["the account has no employee id", tenantUser(null, { accountEnabled: false }), DISABLED, LEAVER],
  ])("plans nothing when %s", (_case, account, user, who) => {
    expect(plan("2026-10-02T08:00:00Z", account, user, who)).toEqual({ actions: [], warnings: [] });
  });

  it("skips a synced account with a warning code", () => {
    const account = tenantUser(5, { accountEnabled: false, onPremisesSyncEnabled: true });
    expect(plan("2026-10-02T08:00:00Z", account)).toEqual({
      actions: [],
      warnings: [{ employeeId: "5", code: "synced_account" }],
    });
  });

  it("skips two accounts with one employee id with a warning code", () => {
    const now = new Date("2026-10-02T08:00:00Z");
    const tenant = [
      tenantUser(5, { accountEnabled: false }),
      { ...tenantUser(5, { accountEnabled: false }), id: "obj-5b" },
    ];
    expect(planRevokes(input({ now, employees: [LEAVER], users: [DISABLED], tenant }))).toEqual({
      actions: [],
      warnings: [{ employeeId: "5", code: "ambiguous_account" }],
    });
  });

  it("plans nothing with revokeSessions off", () => {
    const now = new Date("2026-10-02T08:00:00Z");
    const tenant = [tenantUser(5, { accountEnabled: false })];
    const config = { revokeSessions: false };
    expect(
      planRevokes(input({ now, config, employees: [LEAVER], users: [DISABLED], tenant })).actions,
    ).toEqual([]);
  });

  it("does nothing twice: once revoked, the next cycle plans nothing", () => {
    const now = new Date("2026-10-02T08:00:00Z");
    const employees = [LEAVER, employee(6, { terminationDate: "2026-09-01" }), employee(7)];
    const users = [DISABLED, desired(6, { accountEnabled: false }), desired(7)];
    const tenant = [
      tenantUser(5, { accountEnabled: false }),
      tenantUser(6, { accountEnabled: false }),
      tenantUser(7),
      tenantUser(null),
    ];
    const first = planRevokes(input({ now, employees, users, tenant }));
    expect(first.actions.map((a) => a.objectId)).toEqual(["obj-5", "obj-6"]);
    const later = new Date("2026-10-02T08:30:00Z");
    const second = planRevokes(
      input({ now: later, employees, users, tenant: applied(tenant, first.actions, now) }),
    );
    expect(second).toEqual({ actions: [], warnings: [] });
  });
});
