import { account, employee, renderWith, upns } from "./fixtures";

const anna = (id: number, fields: Parameters<typeof employee>[1] = {}) =>
  employee(id, { first: "Anna", last: "Müller", ...fields });

describe("existing accounts", () => {
  it("adopts the account carrying the employee id and keeps its login name and mail alias", () => {
    const result = renderWith([anna(7)], { accounts: [account("obj-7", "Anna.Schmidt@example.com", "7")] });
    expect(result.users).toEqual([
      {
        employeeId: "7",
        userPrincipalName: "Anna.Schmidt@example.com",
        displayName: "Anna Müller",
        givenName: "Anna",
        surname: "Müller",
        accountEnabled: true,
        adoptedObjectId: "obj-7",
      },
    ]);
  });

  it("adopts by e-mail, case-insensitively, when no account carries the id", () => {
    const result = renderWith([anna(7, { email: "ANNA@Example.com" })], {
      accounts: [account("obj-1", "anna@example.com")],
    });
    expect(result.users.map((user) => [user.userPrincipalName, user.adoptedObjectId])).toEqual([
      ["anna@example.com", "obj-1"],
    ]);
  });

  it("prefers the account with the employee id over the one with the e-mail", () => {
    const result = renderWith([anna(7, { email: "anna@example.com" }), employee(8)], {
      accounts: [account("obj-mail", "anna@example.com"), account("obj-id", "a.m@example.com", "7")],
    });
    expect(
      result.users.map((user) => [user.employeeId, user.userPrincipalName, user.adoptedObjectId]),
    ).toEqual([
      ["7", "a.m@example.com", "obj-id"],
      ["8", "alex.tester8@example.com", undefined],
    ]);
  });

  it("gives an account found by e-mail to the earliest created of two employees sharing it", () => {
    const result = renderWith(
      [
        anna(2, { email: "shared@example.com", createdAt: "2022-01-01T00:00:00.000Z" }),
        employee(3, {
          first: "Bo",
          last: "Ek",
          email: "shared@example.com",
          createdAt: "2021-01-01T00:00:00.000Z",
        }),
      ],
      { accounts: [account("obj-1", "shared@example.com")] },
    );
    expect(
      result.users.map((user) => [user.employeeId, user.userPrincipalName, user.adoptedObjectId]),
    ).toEqual([
      ["2", "anna.mueller@example.com", undefined],
      ["3", "shared@example.com", "obj-1"],
    ]);
  });

  it("never adopts by e-mail an account that carries another current employee's id", () => {
    const result = renderWith([anna(2, { email: "anna@example.com" }), employee(9, { email: null })], {
      accounts: [account("obj-9", "anna@example.com", "9")],
    });
    expect(result.users.map((user) => [user.employeeId, user.adoptedObjectId])).toEqual([["2", undefined]]);
  });

  it("never adopts by e-mail a former employee's account: the newcomer gets a suffixed UPN", () => {
    const result = renderWith([anna(2, { email: "anna.mueller@example.com" })], {
      accounts: [account("obj-old", "anna.mueller@example.com", "1999")],
    });
    expect(result.users.map((user) => [user.adoptedObjectId, user.userPrincipalName])).toEqual([
      [undefined, "anna.mueller_2@example.com"],
    ]);
  });

  it("adopts the lowest object id when two accounts carry one employee id, and warns", () => {
    const result = renderWith([anna(7)], {
      accounts: [account("obj-b", "second@example.com", "7"), account("obj-a", "first@example.com", "7")],
    });
    expect(result.users.map((user) => [user.userPrincipalName, user.adoptedObjectId])).toEqual([
      ["first@example.com", "obj-a"],
    ]);
    expect(result.warnings).toEqual([
      {
        employeeId: "7",
        property: "employeeId",
        message: "2 existing accounts carry this employee id; the one with the lowest object id is adopted",
      },
    ]);
  });

  it("keeps a matched account's login name even when the schema now renders another", () => {
    const result = renderWith([employee(7, { first: "Anna", last: "Ek" })], {
      accounts: [account("obj-7", "anna.mueller@example.com", "7")],
    });
    expect(upns(result)).toEqual({ "7": "anna.mueller@example.com" });
  });
});

describe("hybrid accounts (synced from on-premises AD)", () => {
  const HYBRID = {
    employeeId: "7",
    property: "employeeId",
    message:
      "the matching account is synced from on-premises AD; not adopted, and no second account is created",
  };

  it.each([
    ["by employee id", account("obj-7", "a.m@example.com", "7")],
    ["by e-mail", account("obj-1", "anna@example.com")],
  ])("skips the employee whose account matches %s, with a warning and no user", (_how, tenant) => {
    const result = renderWith([anna(7, { email: "anna@example.com" }), employee(8)], {
      accounts: [{ ...tenant, onPremisesSyncEnabled: true }],
    });
    expect(result.users.map((user) => [user.employeeId, user.adoptedObjectId])).toEqual([["8", undefined]]);
    expect(result.skipped).toEqual([{ employeeId: "7", reason: "hybrid_account" }]);
    expect(result.warnings).toEqual([HYBRID]);
  });

  it.each([
    ["false", false],
    ["null", null],
    ["absent", undefined],
  ])("adopts a cloud account (onPremisesSyncEnabled %s) as before", (_name, flag) => {
    const result = renderWith([anna(7)], {
      accounts: [{ ...account("obj-7", "a.m@example.com", "7"), onPremisesSyncEnabled: flag }],
    });
    expect(result.users.map((user) => [user.employeeId, user.adoptedObjectId])).toEqual([["7", "obj-7"]]);
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});
