import type { ExistingAccount, LoadedConfig } from "../config";
import { assignGroups, type GroupPlan } from "../groups";
import type { Employee } from "../personio";
import type { CalendarDate } from "../personio/dates";
import { type RenderResult, render } from "../render";
import { listEmployees } from "./personio";

/** What the plan and the program both start from. */
export interface DirectoryInput {
  readonly config: LoadedConfig;
  /** The company's day the directory is rendered for. */
  readonly today: CalendarDate;
  /** The tenant's accounts to adopt, read once the employees are known (the program asks the tenant). */
  readonly existingAccounts: () => Promise<readonly ExistingAccount[]>;
  /** A listing taken earlier (the runner's snapshot); when absent, Personio is listed. */
  readonly employees?: readonly Employee[];
}

/** The desired directory: every listed employee, the rendered users and the groups they belong to. */
export interface DesiredDirectory {
  readonly employees: readonly Employee[];
  readonly result: RenderResult;
  /** Always computed; empty when the stack has no group rules. */
  readonly groups: GroupPlan;
}

/**
 * The one computation behind the offline plan and the Pulumi program: list Personio (unless a listing is
 * given), read the accounts to adopt, render, assign groups. Both front ends call it, so the plan cannot drift
 * from what `pulumi up` declares. Throws `PersonioError` and `ConfigError` (a group rule against the data).
 */
export async function desiredDirectory(input: DirectoryInput): Promise<DesiredDirectory> {
  const { config, today } = input;
  const employees = input.employees ?? (await listEmployees(config));
  const existingAccounts = await input.existingAccounts();
  const result = render({ employees, config, today, existingAccounts });
  const groups = assignGroups({ rules: config.groups, users: result.users, employees });
  return { employees, result, groups };
}
