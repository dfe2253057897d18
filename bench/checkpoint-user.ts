/** What a created `azuread.User` looks like in a checkpoint: its outputs, and its secrets as ciphertext. */

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** A secret as the passphrase provider stores it: AES-256-GCM, `v1:<nonce>:<ciphertext and tag>`, base64. */
export function secret(plaintext: string): Record<string, string> {
  const b64 = (bytes: number) => "A".repeat(Math.ceil(bytes / 3) * 4);
  const length = Buffer.byteLength(JSON.stringify(plaintext));
  return { [SECRET_SIG]: SECRET_VALUE, ciphertext: `v1:${b64(12)}:${b64(length + 16)}` };
}

/**
 * The outputs the azuread provider stores for a created user: its inputs, then every property the user's schema
 * has, computed ones (objectId, mail, proxyAddresses, userType …) as Entra ID fills them, the rest empty.
 */
export function userOutputs(
  inputs: Readonly<Record<string, unknown>>,
  objectId: string,
): Record<string, unknown> {
  const upn = String(inputs["userPrincipalName"] ?? "");
  const empty = Object.fromEntries(USER_STRING_PROPERTIES.map((key) => [key, ""]));
  return {
    ...empty,
    accountEnabled: true,
    businessPhones: [],
    disablePasswordExpiration: false,
    disableStrongPassword: false,
    forcePasswordChange: false,
    imAddresses: [],
    mailNickname: upn.split("@")[0],
    onpremisesSyncEnabled: false,
    otherMails: [],
    showInAddressList: true,
    ...inputs,
    mail: upn,
    objectId,
    proxyAddresses: [`SMTP:${upn}`],
    userType: "Member",
    ...(typeof inputs["password"] === "string" ? { password: secret(inputs["password"]) } : {}),
    __meta: USER_META,
  };
}

/** The string properties of `azuread.User` (6.9.1) that a user has whether or not the program sets them. */
const USER_STRING_PROPERTIES = [
  "aboutMe",
  "ageGroup",
  "city",
  "companyName",
  "consentProvidedForMinor",
  "costCenter",
  "country",
  "creationType",
  "department",
  "division",
  "employeeHireDate",
  "employeeId",
  "employeeType",
  "externalUserState",
  "faxNumber",
  "givenName",
  "jobTitle",
  "managerId",
  "mobilePhone",
  "officeLocation",
  "onpremisesDistinguishedName",
  "onpremisesDomainName",
  "onpremisesImmutableId",
  "onpremisesSamAccountName",
  "onpremisesSecurityIdentifier",
  "onpremisesUserPrincipalName",
  "postalCode",
  "preferredLanguage",
  "state",
  "streetAddress",
  "surname",
  "usageLocation",
] as const;

/** The bridge's record of the resource's timeouts, kept in its outputs. */
const USER_META = JSON.stringify({
  "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": {
    create: 300000000000,
    delete: 300000000000,
    read: 300000000000,
    update: 300000000000,
  },
});
