import { accessPassCandidates, planAccessPasses } from "../../src/graph";
import { desired, employee, input, TAP_CONFIG, tenantUser } from "./fixtures";

// Hire 2026-12-01, manager 2; daysBeforeHire 1; 07:00 Berlin = 06:00Z.
const HIRE = employee(5, { hireDate: "2026-12-01", supervisorId: 2 });
const MANAGER = employee(2);

function at(now: string, fields: { hire?: typeof HIRE; tenant?: ReturnType<typeof tenantUser>[] } = {}) {
  return input({
    now: new Date(now),
    config: TAP_CONFIG,
    employees: [MANAGER, fields.hire ?? HIRE],
    users: [desired(2), desired(5)],
    tenant: fields.tenant ?? [tenantUser(2), tenantUser(5)],
  });
}

const PASS = {
  kind: "accessPass",
  employeeId: "5",
  objectId: "obj-5",
  startDateTime: "2026-12-01T06:00:00Z",
  lifetimeInMinutes: 600,
  isUsableOnce: false,
  recipient: "user2@contoso.com",
  recipientIs: "manager",
};

describe("accessPassCandidates and planAccessPasses", () => {
  it.each<[string, string, string[]]>([
    ["two days before the hire date", "2026-11-29T12:00:00Z", []],
    ["daysBeforeHire before, at local midnight", "2026-11-29T23:00:00Z", ["obj-5"]],
    ["the day before", "2026-11-30T12:00:00Z", ["obj-5"]],
    ["the hire date itself", "2026-12-01T05:00:00Z", ["obj-5"]],
    ["the hire date's last second", "2026-12-01T22:59:59Z", ["obj-5"]],
    ["the day after", "2026-12-01T23:00:00Z", []],
  ])("%s (%s) → candidates %j", (_case, now, expected) => {
    expect(accessPassCandidates(at(now))).toEqual(expected);
    const methods = new Map(expected.map((id) => [id, 0]));
    expect(planAccessPasses(at(now), methods).actions.map((a) => a.objectId)).toEqual(expected);
  });

  it("starts the pass at the hire date's validFrom in the company time zone, mailed to the manager", () => {
    expect(planAccessPasses(at("2026-11-30T12:00:00Z"), new Map([["obj-5", 0]]))).toEqual({
      actions: [PASS],
      warnings: [],
    });
  });

  it("starts it now when validFrom has passed on the hire date", () => {
    const [action] = planAccessPasses(at("2026-12-01T09:30:15.500Z"), new Map([["obj-5", 0]])).actions;
    expect(action).toEqual({ ...PASS, startDateTime: "2026-12-01T09:30:15Z" });
  });

  it("keeps the wall time across the DST change (hire 2026-03-30, 07:00 CEST = 05:00Z)", () => {
    const hire = employee(5, { hireDate: "2026-03-30", supervisorId: 2 });
    const [action] = planAccessPasses(at("2026-03-29T12:00:00Z", { hire }), new Map([["obj-5", 0]])).actions;
    expect(action).toEqual({ ...PASS, startDateTime: "2026-03-30T05:00:00Z" });
  });

  it.each([
    ["the manager has no account", [tenantUser(5)]],
    ["the manager's account is disabled", [tenantUser(2, { accountEnabled: false }), tenantUser(5)]],
    ["the manager has two accounts", [tenantUser(2), { ...tenantUser(2), id: "obj-2b" }, tenantUser(5)]],
  ])("mails the fallback recipient when %s", (_case, tenant) => {
    const [action] = planAccessPasses(
      at("2026-11-30T12:00:00Z", { tenant }),
      new Map([["obj-5", 0]]),
    ).actions;
    expect(action).toEqual({ ...PASS, recipient: "hr@contoso.com", recipientIs: "fallback" });
  });

  it("mails the fallback recipient for a hire without a supervisor", () => {
    const hire = employee(5, { hireDate: "2026-12-01" });
    const [action] = planAccessPasses(at("2026-11-30T12:00:00Z", { hire }), new Map([["obj-5", 0]])).actions;
    expect(action).toEqual({ ...PASS, recipient: "hr@contoso.com", recipientIs: "fallback" });
  });

  it.each<[string, Map<string, number>, string[]]>([
    ["a pass exists", new Map([["obj-5", 1]]), []],
    ["the methods were not read", new Map(), ["access_pass_methods_unknown"]],
  ])("plans nothing when %s", (_case, methods, codes) => {
    const result = planAccessPasses(at("2026-11-30T12:00:00Z"), methods);
    expect(result.actions).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(codes);
  });

  it("second cycle does nothing: the created pass is listed", () => {
    const first = planAccessPasses(at("2026-11-30T12:00:00Z"), new Map([["obj-5", 0]]));
    const methods = new Map(first.actions.map((a) => [a.objectId, 1]));
    expect(planAccessPasses(at("2026-11-30T12:30:00Z"), methods)).toEqual({ actions: [], warnings: [] });
  });

  it.each([
    [
      "a hire without a hire date",
      { ...employee(5, { supervisorId: 2 }), status: "onboarding" },
      [tenantUser(2), tenantUser(5)],
      "no_hire_date",
    ],
    [
      "a synced account",
      HIRE,
      [tenantUser(2), tenantUser(5, { onPremisesSyncEnabled: true })],
      "synced_account",
    ],
  ])("skips %s with a warning code", (_case, hire, tenant, code) => {
    const result = planAccessPasses(at("2026-11-30T12:00:00Z", { hire, tenant }), new Map([["obj-5", 0]]));
    expect(result).toEqual({ actions: [], warnings: [{ employeeId: "5", code }] });
  });

  it("never touches a tenant account of no desired user, nor a hire without an account", () => {
    const tenant = [tenantUser(2), tenantUser(9), tenantUser(null)];
    const now = "2026-11-30T12:00:00Z";
    expect(accessPassCandidates(at(now, { tenant }))).toEqual([]);
    expect(
      planAccessPasses(
        at(now, { tenant }),
        new Map([
          ["obj-9", 0],
          ["obj-x", 0],
        ]),
      ),
    ).toEqual({ actions: [], warnings: [] });
  });

  it("does not count an active employee without a hire date as a hire", () => {
    const hire = employee(5, { supervisorId: 2 });
    expect(planAccessPasses(at("2026-11-30T12:00:00Z", { hire }), new Map())).toEqual({
      actions: [],
      warnings: [],
    });
  });

  it("plans nothing without a temporaryAccessPass config", () => {
    const noPass = { ...at("2026-11-30T12:00:00Z"), config: { revokeSessions: true } };
    expect(accessPassCandidates(noPass)).toEqual([]);
    expect(planAccessPasses(noPass, new Map([["obj-5", 0]]))).toEqual({ actions: [], warnings: [] });
  });
});
