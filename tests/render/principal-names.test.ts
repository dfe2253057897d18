import { account, employee, renderWith, upns } from "./fixtures";

const anna = (id: number, fields: Parameters<typeof employee>[1] = {}) =>
  employee(id, { first: "Anna", last: "Müller", ...fields });

describe("collisions", () => {
  it("gives one name to the earliest created and suffixes the others, not by id order", () => {
    const thomas = (id: number, createdAt: string | null) =>
      employee(id, { first: "Thomas", last: "Schmidt", createdAt });
    const result = renderWith([
      thomas(2, "2021-03-01T09:00:00.000Z"),
      thomas(5, "2022-07-15T09:00:00.000Z"),
      thomas(9, "2019-01-10T09:00:00.000Z"),
    ]);
    expect(upns(result)).toEqual({
      "2": "thomas.schmidt_2@example.com",
      "5": "thomas.schmidt_5@example.com",
      "9": "thomas.schmidt@example.com",
    });
    expect(result.warnings).toEqual([
      {
        employeeId: "2",
        property: "userPrincipalName",
        message: "the login name is taken; the employee id is appended",
      },
      {
        employeeId: "5",
        property: "userPrincipalName",
        message: "the login name is taken; the employee id is appended",
      },
    ]);
  });

  it("breaks a tie in createdAt by the lower id and puts a missing createdAt last", () => {
    const result = renderWith([
      anna(1, { createdAt: null }),
      anna(8, { createdAt: "2020-01-01T00:00:00.000Z" }),
      anna(4, { createdAt: "2020-01-01T00:00:00.000Z" }),
    ]);
    expect(upns(result)).toEqual({
      "1": "anna.mueller_1@example.com",
      "4": "anna.mueller@example.com",
      "8": "anna.mueller_8@example.com",
    });
  });

  it("treats a name held by someone else's account as taken, whatever its case", () => {
    const result = renderWith([anna(3)], { accounts: [account("obj-1", "Anna.Mueller@EXAMPLE.com", "77")] });
    expect(upns(result)).toEqual({ "3": "anna.mueller_3@example.com" });
    expect(result.users[0]?.adoptedObjectId).toBeUndefined();
  });

  it("never gives out a suffixed name that is taken too", () => {
    const result = renderWith([anna(3)], {
      accounts: [account("a", "anna.mueller@example.com"), account("b", "anna.mueller_3@example.com")],
    });
    expect(upns(result)).toEqual({ "3": "anna.mueller_3_2@example.com" });
  });

  it("lets nobody's suffix take a plain name that another employee renders", () => {
    // Anna "X_5" renders anna.x_5, the plain name of employee 7; Anna "X" collides and becomes anna.x_5.
    const result = renderWith([
      employee(1, { first: "Anna", last: "X", createdAt: "2020-01-01T00:00:00.000Z" }),
      employee(5, { first: "Anna", last: "X", createdAt: "2020-02-01T00:00:00.000Z" }),
      employee(7, { first: "Anna", last: "X_5", createdAt: "2020-03-01T00:00:00.000Z" }),
    ]);
    expect(upns(result)).toEqual({
      "1": "anna.x@example.com",
      "5": "anna.x_5_2@example.com",
      "7": "anna.x_5@example.com",
    });
  });
});

describe("followRenames", () => {
  const renamed = [employee(7, { first: "Anna", last: "Ek" })];
  const accounts = [account("obj-7", "anna.mueller@example.com", "7")];

  it("moves a matched account to the schema's login name, keeping its mail alias", () => {
    const result = renderWith(renamed, { accounts, config: { followRenames: true } });
    expect(
      result.users.map((user) => [user.userPrincipalName, user.mailNickname, user.adoptedObjectId]),
    ).toEqual([["anna.ek@example.com", undefined, "obj-7"]]);
    expect(result.warnings).toEqual([]);
  });

  it("keeps the account's spelling when only the case differs", () => {
    const result = renderWith([employee(7, { first: "Anna", last: "Ek" })], {
      accounts: [account("obj-7", "Anna.Ek@Example.com", "7")],
      config: { followRenames: true },
    });
    expect(upns(result)).toEqual({ "7": "Anna.Ek@Example.com" });
  });

  it("suffixes the new name when another account holds it", () => {
    const result = renderWith(renamed, {
      accounts: [...accounts, account("obj-other", "anna.ek@example.com")],
      config: { followRenames: true },
    });
    expect(upns(result)).toEqual({ "7": "anna.ek_7@example.com" });
  });

  it("keeps the old name reserved in the plan: a newcomer rendering it is suffixed", () => {
    const newcomer = employee(8, { first: "Anna", last: "Müller" });
    const result = renderWith([...renamed, newcomer], { accounts, config: { followRenames: true } });
    expect(upns(result)).toEqual({ "7": "anna.ek@example.com", "8": "anna.mueller_8@example.com" });
  });

  it("keeps the existing name, with a warning, when the schema renders nothing", () => {
    const result = renderWith([employee(7, { first: "Anna", last: "①" })], {
      accounts,
      config: { followRenames: true },
    });
    expect(upns(result)).toEqual({ "7": "anna.mueller@example.com" });
    expect(result.warnings).toEqual([
      {
        employeeId: "7",
        property: "userPrincipalName",
        message: "the login name schema gives nothing usable; kept as is",
      },
    ]);
  });

  it("does not warn about a suffix the account already has", () => {
    const result = renderWith([anna(3), anna(7)], {
      accounts: [
        account("obj-3", "anna.mueller@example.com", "3"),
        account("obj-7", "anna.mueller_7@example.com", "7"),
      ],
      config: { followRenames: true },
    });
    expect(upns(result)).toEqual({ "3": "anna.mueller@example.com", "7": "anna.mueller_7@example.com" });
    expect(result.warnings).toEqual([]);
  });
});
