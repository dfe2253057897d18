import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import {
  type ConfigEnv,
  ConfigError,
  type ExistingAccount,
  type LoadedConfig,
  loadStackConfig,
} from "../config";
import { PersonioError } from "../personio";
import { AttributeAccessError, type DesiredDirectory, desiredDirectory } from "../pipeline";
import { calendarDateIn } from "../render";
import type { Snapshot } from "../snapshot";
import { declarationOrder } from "./declaration-order";
import { Directory } from "./directory";
import { toExistingAccounts } from "./existing-accounts";
import { keptAccounts } from "./kept-user";
import type { LeanUser } from "./lean-user";
import { readExistingGroups } from "./existing-groups";
import { Groups } from "./groups";
import { type ProgramOutputs, stackOutputs } from "./outputs";
import { unmanagedInputs } from "./user-resource";

/** What the program depends on from outside; `index.ts` passes the real ones, tests their own. */
export interface ProgramInputs {
  /** The `personio-azuread:*` stack config, namespace stripped (see `projectConfig`). */
  readonly config: Record<string, unknown>;
  readonly env: ConfigEnv;
  readonly now: Date;
  /**
   * The reconcile runner's reading of Personio for this cycle (see `src/snapshot`): when given, the program
   * renders these employees for its `today` and does not contact Personio, so preview and `up` of one cycle
   * declare the same directory.
   */
  readonly snapshot?: Snapshot;
  /** Makes initial passwords; default: 20 random characters. */
  readonly newPassword?: () => string;
}

/**
 * The Pulumi program: validate config, list Personio completely, read the tenant's users once, render, and
 * declare the directory. Everything that can fail does so before the first resource is declared, with one
 * line (`pulumi.RunError`, no stack trace).
 */
export async function runProgram(inputs: ProgramInputs): Promise<ProgramOutputs> {
  const config = loadConfig(inputs);
  let tenantAccounts: readonly ExistingAccount[] = [];
  const directoryRead = await directoryOf(config, inputs, (accounts) => (tenantAccounts = accounts));
  const { employees, skippedRecords, result, groups: groupPlan } = directoryRead;
  for (const record of skippedRecords) {
    pulumi.log.warn(
      `employee ${record.employeeId}: ${record.field}: unreadable in Personio; record skipped, account left as it is`,
    );
  }
  const kept = keptAccounts(skippedRecords, tenantAccounts);
  for (const warning of result.warnings) {
    pulumi.log.warn(`employee ${warning.employeeId}: ${warning.property}: ${warning.message}`);
  }
  for (const warning of groupPlan.warnings) pulumi.log.warn(warning);
  const tenantGroups = await readExistingGroups(groupPlan).catch(toRunError);
  const { declarations, dropped } = declarationOrder(result.users);
  for (const link of dropped) {
    pulumi.log.warn(
      `employee ${link.employeeId}: managerId: the supervisor chain loops back (via ${link.managerEmployeeId}); no manager set`,
    );
  }
  const directory = await Directory.declare("personio", {
    declarations,
    followRenames: config.followRenames,
    unmanagedInputs: unmanagedInputs(config.attributeMapping),
    newPassword: inputs.newPassword,
    kept,
  });
  const accounts = directory.users;
  const groups =
    config.groups.length === 0
      ? undefined
      : new Groups("personio", {
          plan: groupPlan,
          tenant: tenantGroups,
          users: result.users,
          kept,
          accountId: (employeeId) => (accounts.get(employeeId) as LeanUser).objectId,
        });
  return stackOutputs(
    result,
    employees.length + skippedRecords.length,
    accounts,
    groups,
    skippedRecords,
    config.graph.temporaryAccessPass !== undefined,
  );
}

/**
 * The desired directory from the runner's snapshot or Personio, adopting the tenant's existing accounts (read
 * once, after Personio); Personio and group-rule failures become one line.
 */
async function directoryOf(
  config: LoadedConfig,
  inputs: ProgramInputs,
  onTenant: (accounts: readonly ExistingAccount[]) => void,
): Promise<DesiredDirectory> {
  try {
    return await desiredDirectory({
      config,
      today: inputs.snapshot?.today ?? calendarDateIn(inputs.now, config.timezone),
      existingAccounts: async () => {
        const accounts = toExistingAccounts((await azuread.getUsers({ returnAll: true })).users);
        onTenant(accounts);
        return accounts;
      },
      ...(inputs.snapshot === undefined
        ? {}
        : { listing: { employees: inputs.snapshot.employees, skipped: inputs.snapshot.skipped ?? [] } }),
    });
  } catch (error) {
    if (error instanceof PersonioError || error instanceof AttributeAccessError) {
      throw new pulumi.RunError(error.message);
    }
    return toRunError(error);
  }
}

/** A config error found once Personio or the tenant was read (a group rule against the data): one line. */
function toRunError(error: unknown): never {
  if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
  throw error;
}

function loadConfig(inputs: ProgramInputs): LoadedConfig {
  try {
    return loadStackConfig(inputs.config, inputs.env);
  } catch (error) {
    return toRunError(error);
  }
}
