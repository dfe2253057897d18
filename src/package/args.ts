import type * as pulumi from "@pulumi/pulumi";

/*
 * The component's args: the stack config's settings (src/config/schema.ts validates both), shaped for Pulumi's
 * analyzer, which turns them into the schema of every language's SDK. It reads interfaces, enums, arrays, maps
 * and optional properties, but no unions: "none" is an absent property here, and a group rule is one interface
 * whose combinations the schema checks. Each doc comment is the setting's description in every SDK.
 */

/** Whole attribute or its first letter (Änne → a). */
export enum LoginPartUse {
  /** The whole attribute value. */
  Entire = "entire",
  /** Its first letter. */
  FirstLetter = "first_letter",
}

/** Between the beginning and the end of the login name. */
export enum LoginSeparator {
  /** A dot: anna.schmidt. */
  Dot = ".",
  /** A hyphen: anna-schmidt. */
  Hyphen = "-",
  /** An underscore: anna_schmidt. */
  Underscore = "_",
  /** Nothing: annaschmidt. */
  None = "",
}

/** When a new hire's account is enabled. */
export enum EnableFrom {
  /** As soon as it is created. */
  Created = "created",
  /** From 00:00 of the hire date, company time. */
  HireDate = "hireDate",
}

/** How the component reaches Personio's API. */
export interface PersonioConnection {
  /** Personio API base URL; default https://api.personio.de. */
  readonly baseUrl?: string;
  /** Personio API client id. */
  readonly clientId: string;
  /** Personio API client secret: pass it as a secret; it never leaves the component. */
  readonly clientSecret: pulumi.Input<string>;
  /** X-Personio-App-ID header, UPPER_SNAKE_CASE; default PERSONIO_AZUREAD. */
  readonly appId?: string;
}

/** One side of the login name. */
export interface LoginPart {
  /** Personio attribute key, e.g. first_name or dynamic_123. */
  readonly attribute: string;
  /** Whole attribute or its first letter; default entire. */
  readonly use?: LoginPartUse;
}

/** How a user principal name is built, as in Personio's own integration. */
export interface LoginSchema {
  /** First part of the login name. */
  readonly beginning: LoginPart;
  /** Between beginning and end; default a dot. */
  readonly separator?: LoginSeparator;
  /** Last part of the login name; absent: none. */
  readonly end?: LoginPart;
  /** UPN domain, a verified domain of the tenant, e.g. contoso.com. */
  readonly domain: string;
}

/** When new hires' accounts appear and are enabled. */
export interface Joiners {
  /** Create the account at most this many days (0 to 365) before the hire date; absent: as soon as listed. */
  readonly createDaysBeforeHire?: number;
  /** When the account is enabled; default created. */
  readonly enableFrom?: EnableFrom;
}

/** A group rule: attribute and value with exactly one of group, existingGroup, existingGroupId; or attribute and groupPrefix. */
export interface GroupRule {
  /** Personio attribute key the rule reads, e.g. department. */
  readonly attribute: string;
  /** Attribute value whose enabled users join the group. */
  readonly value?: string;
  /** Display name of a security group the component creates. */
  readonly group?: string;
  /** Display name of an existing group the members are added to. */
  readonly existingGroup?: string;
  /** Object id of an existing group the members are added to. */
  readonly existingGroupId?: string;
  /** One created group per distinct value, named this prefix + the value. */
  readonly groupPrefix?: string;
}

/** Which employees are managed at all; values match as group rules do (case and surrounding spaces ignored). */
export interface Scope {
  /** Personio attribute key → values; every attribute must match one of its values; default everyone. */
  readonly include?: { readonly [attribute: string]: string[] };
  /** Personio attribute key → values; any match excludes, and exclude wins over include; default none. */
  readonly exclude?: { readonly [attribute: string]: string[] };
}

/** The settings of a PersonioDirectory: those of the stack config, validated by the same schema. */
export interface PersonioDirectoryArgs {
  /** Personio API access. */
  readonly personio: PersonioConnection;
  /** How user principal names are built. */
  readonly loginSchema: LoginSchema;
  /** azuread.User input → Personio attribute key, e.g. jobTitle → position; default none. */
  readonly attributeMapping?: { readonly [input: string]: string };
  /** IANA time zone of the company; accounts are disabled from the day after the termination date. Default UTC. */
  readonly timezone?: string;
  /** Let an existing account's UPN follow name changes in Personio; default false. */
  readonly followRenames?: boolean;
  /** When new hires' accounts appear and are enabled; default as soon as listed, enabled at once. */
  readonly joiners?: Joiners;
  /** Group rules; default none. */
  readonly groups?: GroupRule[];
  /** Which employees are managed; out of scope: never created, a managed account is left as it is. */
  readonly scope?: Scope;
}

/** Counts of one run. */
export interface DirectoryCounts {
  /** Employees Personio listed. */
  readonly employees: number;
  /** Accounts the component manages. */
  readonly managed: number;
  /** Managed accounts enabled. */
  readonly enabled: number;
  /** Managed accounts disabled. */
  readonly disabled: number;
  /** Existing accounts matched and adopted. */
  readonly adopted: number;
  /** Accounts the component creates. */
  readonly created: number;
  /** Employees skipped. */
  readonly skipped: number;
  /** Groups the rules fill, created and existing. */
  readonly groups: number;
  /** Enabled users × groups. */
  readonly memberships: number;
}
