import { upnInAllowedDomain } from "../../policy/rules/upn-domain";
import { validate } from "./harness";

const CONFIG = { allowedDomains: ["contoso.com", "Contoso.DE"] };

const NOT_CONFIGURED =
  'No allowed UPN domains are configured. Set "allowedDomains" for policy "personio-azuread-upn-in-allowed-domain" ' +
  "in a policy pack config file and pass it with --policy-pack-config (example: policy/policy-config.example.json).";

describe("personio-azuread-upn-in-allowed-domain", () => {
  it.each([
    ["anna.mueller@contoso.com"],
    ["anna.mueller@CONTOSO.COM"],
    ["Anna.Mueller@contoso.de"],
    ["odd@name@contoso.de"],
  ])("passes %p", async (userPrincipalName) => {
    expect(
      await validate(upnInAllowedDomain, { userPrincipalName, employeeId: "42" }, { config: CONFIG }),
    ).toEqual({
      violations: [],
    });
  });

  it.each([
    ["a@evil.com"],
    ["a@eu.contoso.com"],
    ["a@contoso.com.evil.com"],
    ["a@contoso.de@evil.com"],
    ["a@contoso.com."],
    ["a@"],
    ["contoso.com"],
  ])("fails %p, naming the UPN and the allowed domains", async (userPrincipalName) => {
    expect(
      await validate(upnInAllowedDomain, { userPrincipalName, employeeId: "42" }, { config: CONFIG }),
    ).toEqual({
      violations: [
        `userPrincipalName ${JSON.stringify(userPrincipalName)} is not in an allowed domain. ` +
          "Allowed: contoso.com, contoso.de.",
      ],
    });
  });

  it("fails when userPrincipalName is missing", async () => {
    expect(await validate(upnInAllowedDomain, { employeeId: "42" }, { config: CONFIG })).toEqual({
      violations: [
        "userPrincipalName is missing; it must be in an allowed domain. Allowed: contoso.com, contoso.de.",
      ],
    });
  });

  it.each([
    ["no config", {}],
    ["an empty list", { allowedDomains: [] }],
  ])("fails every user when allowedDomains is not configured (%s)", async (_case, config) => {
    expect(await validate(upnInAllowedDomain, { userPrincipalName: "a@contoso.com" }, { config })).toEqual({
      violations: [NOT_CONFIGURED],
    });
  });

  it.each([
    ["a string", "contoso.com", '"contoso.com"'],
    ["an entry with @", ["@contoso.com"], '["@contoso.com"]'],
    ["a wildcard", ["*.contoso.com"], '["*.contoso.com"]'],
    ["a number", ["contoso.com", 42], '["contoso.com",42]'],
  ])("fails every user when allowedDomains is invalid (%s)", async (_case, allowedDomains, shown) => {
    const config = { allowedDomains };
    expect(await validate(upnInAllowedDomain, { userPrincipalName: "a@contoso.com" }, { config })).toEqual({
      violations: [
        `Invalid value for allowedDomains in the policy pack config: ${shown}. ` +
          'Allowed: a non-empty list of domain names such as ["contoso.com"].',
      ],
    });
  });

  it("does not apply to other resource types", async () => {
    const outcome = await validate(
      upnInAllowedDomain,
      { userPrincipalName: "a@evil.com" },
      { type: "azuread:index/group:Group", config: CONFIG },
    );
    expect(outcome).toEqual({
      violations: [],
      notApplicable: "Policy only applies to resources of type 'azuread:index/user:User'",
    });
  });
});
