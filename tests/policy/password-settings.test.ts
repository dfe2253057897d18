import { noDisablePasswordExpiration, noDisableStrongPassword } from "../../policy/rules/password-settings";
import { validate } from "./harness";

describe.each([
  ["disableStrongPassword", noDisableStrongPassword, "personio-azuread-no-disable-strong-password"],
  [
    "disablePasswordExpiration",
    noDisablePasswordExpiration,
    "personio-azuread-no-disable-password-expiration",
  ],
])("%s", (input, policy, name) => {
  const USER = { userPrincipalName: "anna.mueller@contoso.com", employeeId: "42" };

  it(`is checked by ${name}`, () => {
    expect(policy.name).toBe(name);
  });

  it("fails when it is true, naming the user by employee id", async () => {
    expect(await validate(policy, { ...USER, [input]: true })).toEqual({
      violations: [`${input} is true for employeeId "42". Allowed: false or unset.`],
    });
  });

  it("names the user by UPN when it has no employee id", async () => {
    expect(await validate(policy, { userPrincipalName: "anna.mueller@contoso.com", [input]: true })).toEqual({
      violations: [
        `${input} is true for userPrincipalName "anna.mueller@contoso.com". Allowed: false or unset.`,
      ],
    });
  });

  it.each([
    ["false", { [input]: false }],
    ["unset", {}],
  ])("passes when it is %s", async (_case, setting) => {
    expect(await validate(policy, { ...USER, ...setting })).toEqual({ violations: [] });
  });

  it("does not apply to other resource types", async () => {
    expect(await validate(policy, { [input]: true }, { type: "azuread:index/group:Group" })).toEqual({
      violations: [],
      notApplicable: "Policy only applies to resources of type 'azuread:index/user:User'",
    });
  });
});
