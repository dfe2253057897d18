import type { JoinersConfig } from "../../src/config/types";
import { account, employee, renderWith, TODAY } from "./fixtures";

const LEAD_14: JoinersConfig = { createDaysBeforeHire: 14, enableFrom: "created" };
const AT_HIRE: JoinersConfig = { createDaysBeforeHire: 14, enableFrom: "hireDate" };

describe("joiners: when an account is created", () => {
  it.each<[string, JoinersConfig | undefined, string | null, string]>([
    ["no joiners config", undefined, "2027-06-01", "created"],
    ["no lead time", { createDaysBeforeHire: null, enableFrom: "created" }, "2027-06-01", "created"],
    ["hire date 14 days ahead", LEAD_14, "2026-12-10", "created"],
    ["hire date 15 days ahead", LEAD_14, "2026-12-11", "skipped"],
    ["hire date 40 days ahead", LEAD_14, "2027-01-05", "skipped"],
    ["no hire date", LEAD_14, null, "created"],
    ["hire date today", { createDaysBeforeHire: 0, enableFrom: "created" }, TODAY, "created"],
    [
      "hire date tomorrow, lead 0",
      { createDaysBeforeHire: 0, enableFrom: "created" },
      "2026-11-27",
      "skipped",
    ],
  ])("%s → %s", (_, joiners, hireDate, outcome) => {
    const result = renderWith([employee(5, { hireDate })], { config: joiners ? { joiners } : {} });
    expect(result.users.length === 1 ? "created" : "skipped").toBe(outcome);
  });

  it("skips an employee hired in 40 days as not_yet_due with the creation date and the event", () => {
    const result = renderWith([employee(5, { hireDate: "2027-01-05" })], { config: { joiners: LEAD_14 } });
    expect(result.skipped).toEqual([{ employeeId: "5", reason: "not_yet_due", createOn: "2026-12-22" }]);
    expect(result.events).toEqual([{ employeeId: "5", event: "create", date: "2026-12-22" }]);
  });

  it("still reports missing data before not_yet_due: it needs fixing before the account is due", () => {
    const result = renderWith([employee(5, { hireDate: "2027-01-05", email: null })], {
      config: { joiners: LEAD_14 },
    });
    expect(result.skipped).toEqual([
      { employeeId: "5", reason: "missing_required_attribute", attribute: "email" },
    ]);
  });

  it("keeps managing an existing account whatever the hire date", () => {
    const result = renderWith([employee(5, { hireDate: "2027-01-05" })], {
      config: { joiners: LEAD_14 },
      accounts: [account("obj-5", "x@example.com", "5")],
    });
    expect(result.users.map((u) => [u.employeeId, u.accountEnabled, u.adoptedObjectId])).toEqual([
      ["5", true, "obj-5"],
    ]);
    expect(result.skipped).toEqual([]);
  });
});

describe("joiners: enableFrom hireDate", () => {
  it("creates a new account disabled before the hire date and lists when it is enabled", () => {
    const result = renderWith([employee(5, { hireDate: "2026-12-01" })], { config: { joiners: AT_HIRE } });
    expect(result.users.map((u) => [u.employeeId, u.accountEnabled])).toEqual([["5", false]]);
    expect(result.events).toEqual([{ employeeId: "5", event: "enable", date: "2026-12-01" }]);
  });

  it.each([
    ["on the hire date", TODAY, true],
    ["after the hire date", "2026-11-01", true],
    ["the day before the hire date", "2026-11-27", false],
  ])("enables the account %s", (_, hireDate, enabled) => {
    const result = renderWith([employee(5, { hireDate })], { config: { joiners: AT_HIRE } });
    expect(result.users[0]?.accountEnabled).toBe(enabled);
  });

  it("lists creation, enabling and disabling for a joiner who also has a termination date", () => {
    const result = renderWith([employee(5, { hireDate: "2027-01-05", terminationDate: "2027-03-31" })], {
      config: { joiners: AT_HIRE },
    });
    expect(result.events).toEqual([
      { employeeId: "5", event: "create", date: "2026-12-22" },
      { employeeId: "5", event: "enable", date: "2027-01-05" },
      { employeeId: "5", event: "disable", date: "2027-04-01" },
    ]);
  });

  it("keeps an enabled existing account enabled before the hire date, with a warning", () => {
    const result = renderWith([employee(5, { hireDate: "2026-12-01" })], {
      config: { joiners: AT_HIRE },
      accounts: [account("obj-5", "admin@example.com", "5")],
    });
    expect(result.users[0]?.accountEnabled).toBe(true);
    expect(result.events).toEqual([]);
    expect(result.warnings).toEqual([
      {
        employeeId: "5",
        property: "accountEnabled",
        message:
          "the existing account is enabled before the hire date; it is kept enabled (joiners.enableFrom: hireDate)",
      },
    ]);
  });

  it("keeps a disabled existing account (created by the stack days ago) disabled until the hire date", () => {
    const result = renderWith([employee(5, { hireDate: "2026-12-01" })], {
      config: { joiners: AT_HIRE },
      accounts: [{ ...account("obj-5", "x@example.com", "5"), accountEnabled: false }],
    });
    expect(result.users[0]?.accountEnabled).toBe(false);
    expect(result.events).toEqual([{ employeeId: "5", event: "enable", date: "2026-12-01" }]);
    expect(result.warnings).toEqual([]);
  });

  it("disables a leaver's account even before the hire date", () => {
    const result = renderWith([employee(5, { hireDate: "2026-12-01", terminationDate: "2026-11-20" })], {
      config: { joiners: AT_HIRE },
      accounts: [account("obj-5", "x@example.com", "5")],
    });
    expect(result.users[0]?.accountEnabled).toBe(false);
    expect(result.warnings).toEqual([]);
  });
});

describe("leavers' next event", () => {
  it.each([
    ["2026-11-26", [{ employeeId: "5", event: "disable", date: "2026-11-27" }]],
    ["2026-12-31", [{ employeeId: "5", event: "disable", date: "2027-01-01" }]],
    ["2026-11-25", []],
  ])("termination date %s → %j", (terminationDate, events) => {
    const result = renderWith([employee(5, { terminationDate })], {
      accounts: [account("obj-5", "x@example.com", "5")],
    });
    expect(result.events).toEqual(events);
  });
});

describe("rehires", () => {
  it("re-enables the same account when the profile is reactivated (termination removed, new hire date)", () => {
    const disabled = { ...account("obj-97", "anna.tester97@example.com", "97"), accountEnabled: false };
    const reactivated = employee(97, { hireDate: "2026-11-16", terminationDate: null });
    const result = renderWith([reactivated], { accounts: [disabled] });
    expect(result.users.map((u) => [u.employeeId, u.accountEnabled, u.adoptedObjectId])).toEqual([
      ["97", true, "obj-97"],
    ]);
  });

  it("re-enables it from the new hire date with enableFrom hireDate", () => {
    const disabled = { ...account("obj-97", "anna.tester97@example.com", "97"), accountEnabled: false };
    const reactivated = employee(97, { hireDate: "2026-12-07" });
    const result = renderWith([reactivated], { accounts: [disabled], config: { joiners: AT_HIRE } });
    expect(result.users[0]?.accountEnabled).toBe(false);
    expect(result.events).toEqual([{ employeeId: "97", event: "enable", date: "2026-12-07" }]);
  });

  it("warns of a possible rehire when a new profile's e-mail is the login of another id's disabled account", () => {
    const old = { ...account("obj-97", "anna@example.com", "97"), accountEnabled: false };
    const result = renderWith([employee(812, { first: "Anna", last: "Ek", email: "Anna@example.com" })], {
      accounts: [old],
    });
    expect(result.users.map((u) => [u.userPrincipalName, u.adoptedObjectId])).toEqual([
      ["anna.ek@example.com", undefined],
    ]);
    expect(result.warnings).toEqual([
      {
        employeeId: "812",
        property: "employeeId",
        message: "possible rehire: employee 812 matches the disabled account of employee 97",
      },
    ]);
    expect(result.rehires).toEqual([{ employeeId: "812", previousEmployeeId: "97" }]);
  });

  it("keeps the safe suffixed login when the new profile's login name is the old account's", () => {
    const old = { ...account("obj-97", "anna.ek@example.com", "97"), accountEnabled: false };
    const result = renderWith([employee(812, { first: "Anna", last: "Ek", email: "anna.ek@example.com" })], {
      accounts: [old],
    });
    expect(result.users.map((u) => [u.userPrincipalName, u.adoptedObjectId])).toEqual([
      ["anna.ek_812@example.com", undefined],
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      "possible rehire: employee 812 matches the disabled account of employee 97",
      "the login name is taken; the employee id is appended",
    ]);
  });

  it.each([
    ["the account is enabled", true, "97"],
    ["the account carries no employee id", false, null],
  ])("does not warn when %s", (_, accountEnabled, employeeId) => {
    const other = { ...account("obj-97", "anna@example.com", employeeId), accountEnabled };
    const result = renderWith([employee(812, { email: "anna@example.com" })], { accounts: [other] });
    expect(result.warnings.filter((w) => w.message.startsWith("possible rehire"))).toEqual([]);
  });
});
