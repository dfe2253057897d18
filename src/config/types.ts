/** One side of the login name: a Personio attribute, whole or its first letter. */
export interface LoginPart {
  /** Personio attribute key, e.g. `first_name`. */
  readonly attribute: string;
  /** `entire` uses the normalised value; `first_letter` its first character (Änne → a). */
  readonly use: "entire" | "first_letter";
}

/** How a user principal name is built, as in Personio's own integration (step 6). */
export interface LoginSchema {
  readonly beginning: LoginPart;
  /** Between beginning and end: ".", "-", "_" or "" (none). */
  readonly separator: "." | "-" | "_" | "";
  /** The second part, or null for none. */
  readonly end: LoginPart | null;
  /** The UPN domain, e.g. `contoso.com`. */
  readonly domain: string;
}

/** When a joiner's account is created and enabled (stack config `joiners`). */
export interface JoinersConfig {
  /** Create the account at most this many days before the hire date; null creates it as soon as it is listed. */
  readonly createDaysBeforeHire: number | null;
  /** `created`: enabled as soon as it exists; `hireDate`: enabled from 00:00 of the hire date. */
  readonly enableFrom: "created" | "hireDate";
}

/** What rendering needs of the stack configuration: validated, defaults applied. */
export interface RenderConfig {
  readonly loginSchema: LoginSchema;
  /** azuread.User input name → Personio attribute key, e.g. `{ jobTitle: "position" }`. */
  readonly attributeMapping: Readonly<Record<string, string>>;
  /** IANA time zone of the company; the day after a termination date begins at midnight here. */
  readonly timezone: string;
  /** When true, an existing account's UPN follows name changes; by default logins are stable. */
  readonly followRenames: boolean;
  /** Default: created as soon as Personio lists the employee, enabled at once (Personio's behaviour). */
  readonly joiners?: JoinersConfig;
}

/** An account already in the tenant, as Graph (or `azuread.getUsers`) lists it. */
export interface ExistingAccount {
  /** Graph object id. */
  readonly id: string;
  readonly userPrincipalName: string;
  readonly mail: string | null;
  readonly employeeId: string | null;
  readonly accountEnabled: boolean | null;
}
