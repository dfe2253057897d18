/**
 * How a mapped value becomes an `azuread.User` input, and what Azure AD (Microsoft Graph) accepts for it.
 * Free text is trimmed to its limit; a value that would be wrong once cut (a phone number, a code) is dropped.
 */
export type InputRule =
  | { readonly kind: "text"; readonly maxLength: number }
  /** Free text whose limit the provider checks in UTF-8 bytes (Go's `len`), not characters. */
  | { readonly kind: "utf8Text"; readonly maxBytes: number }
  | { readonly kind: "token"; readonly maxLength: number }
  | { readonly kind: "phones"; readonly maxLength: number }
  | { readonly kind: "email" }
  | { readonly kind: "emails" }
  | { readonly kind: "dateTime" }
  | { readonly kind: "countryCode" }
  | { readonly kind: "language" }
  | { readonly kind: "choice"; readonly allowed: readonly string[] }
  | { readonly kind: "boolean" }
  | { readonly kind: "manager" };

/**
 * Every mappable `azuread.User` input (@pulumi/azuread 6.9 `UserArgs`) and its rule. Limits are Graph's
 * documented maxima in characters (the on-premises AD schema's where Graph documents none); employeeType
 * in UTF-8 bytes, as terraform-provider-azuread 3.8 validates it (`StringLenBetween(0, 64)` counts bytes). Not mappable: the fixed inputs, credentials and password policy (`password`,
 * `forcePasswordChange`, `disablePasswordExpiration`, `disableStrongPassword`) and `onpremisesImmutableId`,
 * the hybrid sign-in anchor that HR data must never rewrite.
 */
export const INPUT_RULES: Readonly<Record<string, InputRule>> = {
  ageGroup: { kind: "choice", allowed: ["Adult", "NotAdult", "Minor"] },
  businessPhones: { kind: "phones", maxLength: 64 },
  city: { kind: "text", maxLength: 128 },
  companyName: { kind: "text", maxLength: 64 },
  consentProvidedForMinor: { kind: "choice", allowed: ["Granted", "Denied", "NotRequired"] },
  costCenter: { kind: "text", maxLength: 64 },
  country: { kind: "text", maxLength: 128 },
  department: { kind: "text", maxLength: 64 },
  displayName: { kind: "text", maxLength: 256 },
  division: { kind: "text", maxLength: 256 },
  employeeHireDate: { kind: "dateTime" },
  employeeType: { kind: "utf8Text", maxBytes: 64 },
  faxNumber: { kind: "token", maxLength: 64 },
  jobTitle: { kind: "text", maxLength: 128 },
  mail: { kind: "email" },
  managerId: { kind: "manager" },
  mobilePhone: { kind: "token", maxLength: 64 },
  officeLocation: { kind: "text", maxLength: 128 },
  otherMails: { kind: "emails" },
  postalCode: { kind: "token", maxLength: 40 },
  preferredLanguage: { kind: "language" },
  showInAddressList: { kind: "boolean" },
  state: { kind: "text", maxLength: 128 },
  streetAddress: { kind: "text", maxLength: 1024 },
  usageLocation: { kind: "countryCode" },
};

/** The `azuread.User` inputs that may be targets of `attributeMapping`, in alphabetical order. */
export const AZUREAD_USER_INPUTS: readonly string[] = Object.keys(INPUT_RULES);

/** The inputs rendering always sets from fixed sources; they are not mapping targets. */
export const FIXED_USER_INPUTS: readonly string[] = [
  "userPrincipalName",
  "employeeId",
  "accountEnabled",
  "givenName",
  "surname",
  "mailNickname",
];

/** Graph's limit for `givenName` and `surname`. */
export const NAME_MAX_LENGTH = 64;
/** Graph's limit for `displayName`, mapped or the default `first last`. */
export const DISPLAY_NAME_MAX_LENGTH = 256;
/**
 * The provider's `employeeId` limit, 16 UTF-8 bytes; a Personio id (a safe integer) has at most 16 ASCII
 * digits, so characters and bytes agree.
 */
export const EMPLOYEE_ID_MAX_LENGTH = 16;
