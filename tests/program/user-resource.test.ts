import { projectConfig } from "../../src/config/project-config";
import { initialPassword } from "../../src/program/password";
import { employeeLogicalName as logicalName } from "../../src/contract";
import { unmanagedInputs, userInputs, userOptions } from "../../src/program/user-resource";
import type { DesiredUser } from "../../src/render";

const base: DesiredUser = {
  employeeId: "42",
  userPrincipalName: "anna.mueller@contoso.com",
  displayName: "Anna Müller",
  givenName: "Anna",
  surname: "Müller",
  mailNickname: "anna.mueller",
  accountEnabled: true,
  jobTitle: "Engineer",
  businessPhones: ["+49 30 1234"],
};

describe("user resources", () => {
  it("names the resource after the Personio id only", () => {
    expect(logicalName("42")).toBe("employee-42");
  });

  it("passes every azuread.User input and nothing of the plan's bookkeeping or the extension attributes", () => {
    expect(
      userInputs({
        ...base,
        adoptedObjectId: "obj",
        managerEmployeeId: "7",
        managerObjectId: "m",
        extensionAttributes: { extensionAttribute3: "Team A", extensionAttribute4: null },
      }),
    ).toEqual({
      employeeId: "42",
      userPrincipalName: "anna.mueller@contoso.com",
      displayName: "Anna Müller",
      givenName: "Anna",
      surname: "Müller",
      mailNickname: "anna.mueller",
      accountEnabled: true,
      jobTitle: "Engineer",
      businessPhones: ["+49 30 1234"],
    });
  });

  it.each([
    [
      false,
      undefined,
      { retainOnDelete: true, ignoreChanges: ["password", "forcePasswordChange", "userPrincipalName"] },
    ],
    [true, undefined, { retainOnDelete: true, ignoreChanges: ["password", "forcePasswordChange"] }],
    [
      false,
      "obj-1",
      {
        retainOnDelete: true,
        ignoreChanges: ["password", "forcePasswordChange", "userPrincipalName"],
        import: "/users/obj-1",
      },
    ],
  ])("followRenames %s, adopted %s → %o", (followRenames, adoptedObjectId, options) => {
    const user = adoptedObjectId === undefined ? base : { ...base, adoptedObjectId };
    expect(userOptions(user, followRenames)).toEqual(options);
  });

  it("keeps what the stack does not own on an existing account, and only there", () => {
    const unmanaged = ["mailNickname", "department"];
    expect(userOptions({ ...base, adoptedObjectId: "obj-1" }, false, unmanaged)).toEqual({
      retainOnDelete: true,
      ignoreChanges: ["password", "forcePasswordChange", "userPrincipalName", "mailNickname", "department"],
      import: "/users/obj-1",
    });
    expect(userOptions(base, false, unmanaged)).toEqual({
      retainOnDelete: true,
      ignoreChanges: ["password", "forcePasswordChange", "userPrincipalName"],
    });
  });

  it("lists the mail alias and every unmapped input but displayName as unmanaged", () => {
    const unmanaged = unmanagedInputs({ jobTitle: "position", usageLocation: "dynamic_1" });
    expect(unmanaged[0]).toBe("mailNickname");
    expect(unmanaged).toContain("department");
    expect(unmanaged).toContain("managerId");
    expect(unmanaged).not.toContain("jobTitle");
    expect(unmanaged).not.toContain("usageLocation");
    expect(unmanaged).not.toContain("displayName");
    expect(unmanaged).toHaveLength(1 + 25 - 3);
  });
});

describe("projectConfig", () => {
  it("keeps the project's keys, decoding objects and booleans and leaving other strings alone", () => {
    expect(
      projectConfig({
        "azuread:tenantId": "t",
        "personio-azuread:personio": '{"clientId":"123","appId":"ACME_SYNC"}',
        "personio-azuread:timezone": "Europe/Berlin",
        "personio-azuread:followRenames": "true",
        "personio-azuread:personioClientSecret": "12345",
      }),
    ).toEqual({
      personio: { clientId: "123", appId: "ACME_SYNC" },
      timezone: "Europe/Berlin",
      followRenames: true,
      personioClientSecret: "12345",
    });
  });
});

describe("initialPassword", () => {
  it("is 20 characters with lower, upper, digit and symbol, and differs every time", () => {
    const passwords = Array.from({ length: 200 }, () => initialPassword());
    for (const password of passwords) {
      expect(password).toHaveLength(20);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[2-9]/);
      expect(password).toMatch(/[!@#$%^&*\-_=+?]/);
      expect(password).not.toMatch(/[lIO01]/);
    }
    expect(new Set(passwords).size).toBe(200);
  });
});
