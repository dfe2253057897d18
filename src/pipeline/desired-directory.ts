import type { ExistingAccount, LoadedConfig } from "../config";
import { assignGroups, type GroupPlan } from "../groups";
import type { Employee, PersonioClientOptions, SkippedRecord } from "../personio";
import type { CalendarDate } from "../personio/dates";
import { type RenderResult, render } from "../render";
import { checkAttributeAccess } from "./attribute-access";
import { listEmployees, personioClient } from "./personio";
import { applyScope, type OutOfScope } from "./scope";

/** What the plan and the program both start from. */
export interface DirectoryInput {
  readonly config: LoadedConfig;
  /** The company's day the directory is rendered for. */
  readonly today: CalendarDate;
  /** The tenant's accounts to adopt, read once the employees are known (the program asks the tenant). */
  readonly existingAccounts: () => Promise<readonly ExistingAccount[]>;
  /** Options of the Personio client when Personio is listed (tests shorten its retry delays). */
  readonly personio?: Partial<PersonioClientOptions> | undefined;
  /** A listing taken earlier (the runner's snapshot); when absent, Personio is listed. */
  readonly listing?: { readonly employees: readonly Employee[]; readonly skipped: readonly SkippedRecord[] };
}

/** The desired directory: every listed employee, the rendered users and the groups they belong to. */
export interface DesiredDirectory {
  /** Every employee listed, in scope or not. */
  readonly employees: readonly Employee[];
  /** Employees `personio-azuread:scope` leaves out, in listing order: not rendered, in no group. */
  readonly outOfScope: readonly OutOfScope[];
  /** Employees whose record could not be read: not rendered; their accounts are left as they are. */
  readonly skippedRecords: readonly SkippedRecord[];
  readonly result: RenderResult;
  /** Always computed; empty when the stack has no group rules. */
  readonly groups: GroupPlan;
}

/**
 * The one computation behind the offline plan and the Pulumi program: list Personio (unless a listing is
 * given), keep the employees in scope, read the accounts to adopt, render, assign groups (over the rendered users,
 * so over employees in scope only). A supervisor out of scope is linked as manager by the object id of the account
 * carrying their employee id, when there is one. Both front ends call it, so the plan cannot drift
 * from what `pulumi up` declares. Throws `PersonioError`, `AttributeAccessError` (an attribute the credentials
 * cannot read) and `ConfigError` (a group rule against the data).
 */
export async function desiredDirectory(input: DirectoryInput): Promise<DesiredDirectory> {
  const { config, today } = input;
  const { employees, skipped } =
    input.listing ?? (await listEmployees(config, personioClient(config, input.personio)));
  checkAttributeAccess(config, employees);
  const { inScope, outOfScope } = applyScope(config.scope, employees);
  const existingAccounts = await input.existingAccounts();
  const managerAccounts = accountsOf(outOfScope, existingAccounts);
  const result = render({ employees: inScope, config, today, existingAccounts, managerAccounts });
  const groups = assignGroups({ rules: config.groups, users: result.users, employees });
  return { employees, outOfScope, skippedRecords: skipped, result, groups };
}

/** The tenant's accounts carrying the id of an employee out of scope, by that id. */
function accountsOf(
  outOfScope: readonly OutOfScope[],
  accounts: readonly ExistingAccount[],
): Map<number, ExistingAccount> {
  const ids = new Set(outOfScope.map((o) => o.employeeId));
  const found = new Map<number, ExistingAccount>();
  for (const account of accounts) {
    const id = account.employeeId;
    if (id !== null && ids.has(id)) found.set(Number(id), account);
  }
  return found;
}
