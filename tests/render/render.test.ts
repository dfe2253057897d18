import { account, employee, renderWith } from "./fixtures";

const anna = (id: number, fields: Parameters<typeof employee>[1] = {}) =>
  employee(id, { first: "Anna", last: "Müller", ...fields });

describe("render", () => {
  it("renders the fixed inputs of a new user", () => {
    const result = renderWith([anna(101, { email: "anna@corp.example" })]);
    expect(result).toEqual({
      users: [
        {
          employeeId: "101",
          userPrincipalName: "anna.mueller@example.com",
          displayName: "Anna Müller",
          givenName: "Anna",
          surname: "Müller",
          mailNickname: "anna.mueller",
          accountEnabled: true,
        },
      ],
      skipped: [],
      warnings: [],
      events: [],
      rehires: [],
    });
  });

  it("sorts users and skipped employees by numeric id", () => {
    const result = renderWith([
      employee(100),
      employee(9),
      employee(10),
      employee(20, { email: null }),
      employee(3, { email: null }),
    ]);
    expect(result.users.map((user) => user.employeeId)).toEqual(["9", "10", "100"]);
    expect(result.skipped.map((skip) => skip.employeeId)).toEqual(["3", "20"]);
  });

  it("sorts warnings by numeric employee id", () => {
    const long = "L".repeat(65);
    const result = renderWith([
      employee(100, { first: "Ann", last: long }),
      employee(9, { first: "Bo", last: long }),
    ]);
    expect(result.warnings.map((warning) => [warning.employeeId, warning.property])).toEqual([
      ["9", "surname"],
      ["100", "surname"],
    ]);
  });

  it.each([0, -3, 1.5, 2 ** 53])("skips an employee whose id %p cannot be an Azure AD employeeId", (id) => {
    const result = renderWith([employee(id), employee(1)]);
    expect(result.skipped).toEqual([
      { employeeId: String(id), reason: "missing_required_attribute", attribute: "id" },
    ]);
    expect(result.users.map((user) => user.employeeId)).toEqual(["1"]);
  });

  it("fails when an employee id occurs twice", () => {
    expect(() => renderWith([employee(7), employee(7)])).toThrow(
      "Duplicate employee id 7 in the render input",
    );
  });
});

describe("required attributes", () => {
  it.each<[string, Parameters<typeof employee>[1], string]>([
    ["no first name", { first: null }, "first_name"],
    ["an empty last name", { last: "" }, "last_name"],
    ["a blank e-mail", { email: "  " }, "email"],
    ["nothing at all (first_name is named first)", { first: null, last: null, email: null }, "first_name"],
    ["no last name and no e-mail", { last: null, email: null }, "last_name"],
  ])("skips an employee with %s", (_case, fields, attribute) => {
    const result = renderWith([employee(5, fields), employee(6)]);
    expect(result.skipped).toEqual([{ employeeId: "5", reason: "missing_required_attribute", attribute }]);
    expect(result.users.map((user) => user.employeeId)).toEqual(["6"]);
  });
});

describe("termination", () => {
  it.each([
    ["yesterday", "2026-11-25", false],
    ["today", "2026-11-26", true],
    ["tomorrow", "2026-11-27", true],
  ])(
    "declares an account of someone leaving %s (%s) with accountEnabled %p",
    (_when, terminationDate, enabled) => {
      const result = renderWith([anna(1, { terminationDate })], {
        accounts: [account("obj-1", "anna.mueller@example.com", "1")],
      });
      expect(result.users.map((user) => [user.employeeId, user.accountEnabled])).toEqual([["1", enabled]]);
      expect(result.skipped).toEqual([]);
    },
  );

  it.each([
    ["today", "2026-11-26", true],
    ["tomorrow", "2026-11-27", true],
  ])("provisions someone without an account who leaves %s", (_when, terminationDate, enabled) => {
    const result = renderWith([anna(1, { terminationDate })]);
    expect(result.users.map((user) => [user.employeeId, user.accountEnabled])).toEqual([["1", enabled]]);
  });

  it("does not provision someone who left before getting an account", () => {
    const result = renderWith([anna(1, { terminationDate: "2026-11-25" }), employee(2)]);
    expect(result.skipped).toEqual([{ employeeId: "1", reason: "terminated_before_provisioning" }]);
    expect(result.users.map((user) => user.employeeId)).toEqual(["2"]);
  });

  it("reports a leaver without an account as terminated even when data is missing too", () => {
    const result = renderWith([employee(1, { email: null, terminationDate: "2020-01-31" })]);
    expect(result.skipped).toEqual([{ employeeId: "1", reason: "terminated_before_provisioning" }]);
  });

  it("adopts and disables a leaver found by e-mail", () => {
    const result = renderWith([anna(1, { email: "Anna.M@Example.com", terminationDate: "2026-01-31" })], {
      accounts: [account("obj-9", "anna.m@example.com")],
    });
    expect(result.users).toEqual([
      {
        employeeId: "1",
        userPrincipalName: "anna.m@example.com",
        displayName: "Anna Müller",
        givenName: "Anna",
        surname: "Müller",
        accountEnabled: false,
        adoptedObjectId: "obj-9",
      },
    ]);
  });
});

describe("display name", () => {
  it("maps displayName to another attribute and falls back to first and last name when it is empty", () => {
    const result = renderWith(
      [
        anna(1, { attributes: { preferred_name: "Anni M." } }),
        anna(2, { attributes: { preferred_name: null } }),
      ],
      { config: { attributeMapping: { displayName: "preferred_name" } } },
    );
    expect(result.users.map((user) => user.displayName)).toEqual(["Anni M.", "Anna Müller"]);
  });

  it("trims over-long names with warnings that name the property, never the value", () => {
    const long = "Maximiliana".repeat(7); // 77 characters
    const result = renderWith([employee(4, { first: long, last: "Ek" })], {
      config: {
        loginSchema: {
          beginning: { attribute: "last_name", use: "entire" },
          separator: "",
          end: null,
          domain: "example.com",
        },
      },
    });
    expect(result.users[0]?.givenName).toBe(long.slice(0, 64));
    expect(result.users[0]?.displayName).toBe(`${long} Ek`);
    expect(result.warnings).toEqual([
      { employeeId: "4", property: "givenName", message: "longer than 64 characters; trimmed to 64" },
    ]);
  });

  it("strips control and bidi characters from names and mapped text, warning with id and property only", () => {
    const result = renderWith(
      [
        employee(5, {
          first: "An\u0000na",
          last: "M\u202Eller",
          attributes: { position: "Dev\u2066eloper\uD800", employment_type: "Ä".repeat(62) },
        }),
        employee(6, { first: "\u0000\u202E" }),
      ],
      { config: { attributeMapping: { jobTitle: "position", employeeType: "employment_type" } } },
    );
    expect(
      result.users.map((u) => [u.employeeId, u.givenName, u.surname, u.displayName, u.jobTitle]),
    ).toEqual([["5", "Anna", "Mller", "Anna Mller", "Developer"]]);
    expect(Buffer.byteLength(result.users[0]?.["employeeType"] as string)).toBe(64);
    expect(result.skipped).toEqual([
      { employeeId: "6", reason: "missing_required_attribute", attribute: "first_name" },
    ]);
    const held = (n: number) =>
      `held ${n} control, bidirectional-override or unpaired surrogate character${n === 1 ? "" : "s"}; removed`;
    expect(result.warnings).toEqual([
      { employeeId: "5", property: "givenName", message: held(1) },
      { employeeId: "5", property: "surname", message: held(1) },
      {
        employeeId: "5",
        property: "employeeType",
        message: "longer than 64 bytes in UTF-8; trimmed to 64 bytes",
      },
      { employeeId: "5", property: "jobTitle", message: held(2) },
    ]);
  });
});
