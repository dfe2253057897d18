import type { ExistingAccount, LoadedConfig } from "../config";
import { assignGroups, type GroupPlan } from "../groups";
import type { Employee, SkippedRecord } from "../personio";
import type { CalendarDate } from "../personio/dates";
import { type RenderResult, render } from "../render";
import { checkAttributeAccess } from "./attribute-access";
import { listEmployees } from "./personio";

/** What the plan and the program both start from. */
export interface DirectoryInput {
  readonly config: LoadedConfig;
  /** The company's day the directory is rendered for. */
  readonly today: CalendarDate;
  /** The tenant's accounts to adopt, read once the employees are known (the program asks the tenant). */
  readonly existingAccounts: () => Promise<readonly ExistingAccount[]>;
  /** A listing taken earlier (the runner's snapshot); when absent, Personio is listed. */
  readonly listing?: { readonly employees: readonly Employee[]; readonly skipped: readonly SkippedRecord[] };
}

/** The desired directory: every listed employee, the rendered users and the groups they belong to. */
export interface DesiredDirectory {
  readonly employees: readonly Employee[];
  /** Employees whose record could not be read: not rendered; their accounts are left as they are. */
  readonly skippedRecords: readonly SkippedRecord[];
  readonly result: RenderResult;
  /** Always computed; empty when the stack has no group rules. */
  readonly groups: GroupPlan;
}

/**
 * The one computation behind the offline plan and the Pulumi program: list Personio (unless a listing is
 * given), read the accounts to adopt, render, assign groups. Both front ends call it, so the plan cannot drift
 * from what `pulumi up` declares. Throws `PersonioError`, `AttributeAccessError` (an attribute the credentials
 * cannot read) and `ConfigError` (a group rule against the data).
 */
export async function desiredDirectory(input: DirectoryInput): Promise<DesiredDirectory> {
  const { config, today } = input;
  const { employees, skipped } = input.listing ?? (await listEmployees(config));
  checkAttributeAccess(config, employees);
  const existingAccounts = await input.existingAccounts();
  const result = render({ employees, config, today, existingAccounts });
  const groups = assignGroups({ rules: config.groups, users: result.users, employees });
  return { employees, skippedRecords: skipped, result, groups };
}
