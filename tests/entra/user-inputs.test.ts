import type { UserArgs } from "@pulumi/azuread";
import { AZUREAD_USER_INPUTS, FIXED_USER_INPUTS } from "../../src/entra/user-inputs";

/** Every UserArgs input of @pulumi/azuread; the compiler fails here when the provider adds or drops one. */
const ALL_INPUTS: Record<keyof UserArgs, true> = {
  accountEnabled: true,
  ageGroup: true,
  businessPhones: true,
  city: true,
  companyName: true,
  consentProvidedForMinor: true,
  costCenter: true,
  country: true,
  department: true,
  disablePasswordExpiration: true,
  disableStrongPassword: true,
  displayName: true,
  division: true,
  employeeHireDate: true,
  employeeId: true,
  employeeType: true,
  faxNumber: true,
  forcePasswordChange: true,
  givenName: true,
  jobTitle: true,
  mail: true,
  mailNickname: true,
  managerId: true,
  mobilePhone: true,
  officeLocation: true,
  onpremisesImmutableId: true,
  otherMails: true,
  password: true,
  postalCode: true,
  preferredLanguage: true,
  showInAddressList: true,
  state: true,
  streetAddress: true,
  surname: true,
  usageLocation: true,
  userPrincipalName: true,
};

/** Inputs that are neither fixed nor mappable: credentials, password policy and the hybrid sign-in anchor. */
const NEVER_MAPPED = [
  "disablePasswordExpiration",
  "disableStrongPassword",
  "forcePasswordChange",
  "onpremisesImmutableId",
  "password",
];

describe("azuread.User inputs", () => {
  it("splits every UserArgs input into mappable, fixed and never mapped", () => {
    expect([...AZUREAD_USER_INPUTS, ...FIXED_USER_INPUTS, ...NEVER_MAPPED].sort()).toEqual(
      Object.keys(ALL_INPUTS).sort(),
    );
  });

  it("lists the fixed inputs, displayName not among them", () => {
    expect(FIXED_USER_INPUTS).toEqual([
      "userPrincipalName",
      "employeeId",
      "accountEnabled",
      "givenName",
      "surname",
      "mailNickname",
    ]);
    expect(AZUREAD_USER_INPUTS).toContain("displayName");
  });

  it("lists the mappable inputs alphabetically", () => {
    expect(AZUREAD_USER_INPUTS).toEqual([...AZUREAD_USER_INPUTS].sort());
    expect(AZUREAD_USER_INPUTS).toHaveLength(25);
  });
});
