import type { ExistingAccount, RenderConfig } from "../config/types";
import type { CalendarDate } from "../personio/dates";
import type { Employee } from "../personio/employee";

/** What midnight will bring for one account. */
export type LifecycleEventKind = "create" | "enable" | "disable";

/** A change that happens by itself on a later day, with nothing edited in Personio. */
export interface LifecycleEvent {
  readonly employeeId: string;
  readonly event: LifecycleEventKind;
  /** The calendar day in the company time zone; the change is due from its 00:00. */
  readonly date: CalendarDate;
}

/** The extension attributes a stack maps, by name: the value, or null where the employee has none (clears it). */
export type DesiredExtensionAttributes = Readonly<Record<string, string | null>>;

/**
 * One Azure AD user as the directory should hold it. Keys are `azuread.User` input names, as in the plan
 * JSON, plus the non-input keys `adoptedObjectId`, `managerEmployeeId`, `managerObjectId` and
 * `extensionAttributes`.
 */
export interface DesiredUser {
  /** The Personio id as a string: the Azure AD `employeeId` (at most 16 characters). */
  readonly employeeId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly surname: string;
  /** The local part of the user principal name; new accounts only (an existing account keeps its alias). */
  readonly mailNickname?: string;
  readonly accountEnabled: boolean;
  /** The Graph object id of the existing account this employee adopts; absent for a new account. */
  readonly adoptedObjectId?: string;
  /**
   * The manager's Personio id, when `managerId` is mapped and the manager is a desired user or has an
   * existing account matched to them.
   */
  readonly managerEmployeeId?: string;
  /**
   * The Graph object id of the manager's existing account, set only when the manager is not a desired user
   * (skipped, yet matched to an account): the edge cannot find that account by the manager's Personio id.
   */
  readonly managerObjectId?: string;
  /**
   * The mapped `extensionAttribute1`–`15`, null where the employee has no value; absent when none is mapped.
   * Not an `azuread.User` input (the provider cannot set them): the Graph step writes them after `up`.
   */
  readonly extensionAttributes?: DesiredExtensionAttributes;
  /** Mapped `azuread.User` inputs (jobTitle, department, businessPhones, employeeHireDate, ...). */
  readonly [input: string]: string | boolean | readonly string[] | DesiredExtensionAttributes | undefined;
}

/** Why an employee has no desired user. */
export type SkipReason =
  | "missing_required_attribute"
  | "invalid_login_name"
  | "terminated_before_provisioning"
  | "not_yet_due"
  /** The Personio record could not be read (e.g. an impossible date): its account is left as it is. */
  | "unreadable_record"
  /** The matching account is synced from on-premises AD: not adopted, and no second account is created. */
  | "hybrid_account";

/**
 * An employee that is not rendered, with the reason (and, for a missing attribute or an unreadable record, the
 * Personio key concerned).
 */
export interface SkippedEmployee {
  readonly employeeId: string;
  readonly reason: SkipReason;
  readonly attribute?: string;
  /** For `not_yet_due`: the day the account will be created (company time zone). */
  readonly createOn?: CalendarDate;
}

/** A value that was dropped or trimmed; the message names no personal data, only what happened. */
export interface RenderWarning {
  readonly employeeId: string;
  /** The `azuread.User` input (or `userPrincipalName`, `employeeId`) concerned. */
  readonly property: string;
  readonly message: string;
}

/** The desired directory: users and skipped employees sorted by numeric employee id. */
export interface RenderResult {
  readonly users: DesiredUser[];
  readonly skipped: SkippedEmployee[];
  /** Sorted by numeric employee id, in the order they arose for one employee. */
  readonly warnings: RenderWarning[];
  /** Changes due on later days (creations, enables, disables), by date then numeric employee id. */
  readonly events: LifecycleEvent[];
  /** New profiles whose e-mail is the login of another employee's disabled account (never linked automatically). */
  readonly rehires: { readonly employeeId: string; readonly previousEmployeeId: string }[];
}

/** Everything rendering depends on; time and tenant are parameters so that rendering stays pure. */
export interface RenderInput {
  /** Employees with distinct ids (the Personio client guarantees it). */
  readonly employees: readonly Employee[];
  readonly config: RenderConfig;
  /** The calendar date in the company time zone (see `calendarDateIn`). */
  readonly today: CalendarDate;
  /** The tenant's accounts, for adoption and collisions; empty for a plan against an empty tenant. */
  readonly existingAccounts: readonly ExistingAccount[];
  /**
   * Accounts of employees who are not rendered (out of scope) by their Personio id: a supervisor among them is
   * linked as manager by the account's object id. Default none.
   */
  readonly managerAccounts?: ReadonlyMap<number, ExistingAccount>;
}
