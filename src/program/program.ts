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
import { SHARD_ENV } from "../contract";
import type { PlannedGroup } from "../groups";
import { calendarDateIn } from "../render";
import type { Snapshot } from "../snapshot";
import { declarationOrder } from "./declaration-order";
import { Directory } from "./directory";
import { toExistingAccounts } from "./existing-accounts";
import { type KeptAccount, keptAccounts } from "./kept-user";
import type { LeanUser } from "./lean-user";
import { readExistingGroups, type TenantGroup } from "./existing-groups";
import { Groups } from "./groups";
import { type ProgramOutputs, stackOutputs } from "./outputs";
import { type Shard, shardOfRun } from "./shard";
import { type ShardDirectory, shardDirectory } from "./shard-directory";
import { unmanagedInputs } from "./user-resource";

/** What the program depends on from outside; `index.ts` passes the real ones, tests their own. */
export interface ProgramInputs {
  /** The `personio-azuread:*` stack config, namespace stripped (see `projectConfig`). */
  readonly config: Record<string, unknown>;
  /** The config overrides, and {@link SHARD_ENV} (set by the runner for a shard stack). */
  readonly env: ConfigEnv & { readonly [SHARD_ENV]?: string };
  readonly now: Date;
  /** The stack's name, checked against the shard; default: the running stack's (`pulumi.getStack()`). */
  readonly stack?: string;
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
export function runProgram(inputs: ProgramInputs): Promise<ProgramOutputs> {
  // Handed over once and not kept (an async function keeps its arguments until it ends): a shard stack
  // declares an eighth of the snapshot, and the rest would be garbage the collector walks on every pass.
  const { snapshot, ...rest } = inputs;
  let handedOver = snapshot;
  return declareProgram(rest, () => {
    const taken = handedOver;
    handedOver = undefined;
    return taken;
  });
}

/** The program's inputs once the snapshot is handed over: `takeSnapshot` answers once, then undefined. */
type RunInputs = Omit<ProgramInputs, "snapshot">;

async function declareProgram(
  inputs: RunInputs,
  takeSnapshot: () => Snapshot | undefined,
): Promise<ProgramOutputs> {
  const config = loadConfig(inputs);
  const shard = fails(() =>
    shardOfRun(config.shards, inputs.env[SHARD_ENV], inputs.stack ?? pulumi.getStack()),
  );
  const { part, kept, tenantGroups } = await readPart(config, inputs, takeSnapshot, shard);
  const { result, skippedRecords, managersPending } = part;
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
          groups: part.groups,
          tenant: tenantGroups,
          adopted: part.adopted,
          kept,
          accountId: (employeeId) => (accounts.get(employeeId) as LeanUser).objectId,
          ...(shard === undefined ? {} : { shard }),
        });
  const outputs = stackOutputs(
    result,
    part.employees,
    accounts,
    groups,
    skippedRecords,
    config.graph.temporaryAccessPass !== undefined,
  );
  if (shard === undefined) return outputs;
  const membersPending = groups?.membersPending ?? 0;
  if (managersPending + membersPending > 0) {
    pulumi.log.info(
      `shard ${shard.index}/${shard.shards}: ${managersPending} manager link(s) and ${membersPending} created-group ` +
        "membership(s) wait for accounts another shard creates this cycle; they follow on the next cycle",
    );
  }
  return { ...outputs, crossShardManagersPending: managersPending, crossShardMembersPending: membersPending };
}

/**
 * Reads the desired directory (the snapshot or Personio, and the tenant's accounts) and returns only the run's
 * part of it, with the accounts to keep and the existing groups as the tenant holds them; logs the warnings
 * about the run's employees. The listing, the tenant's accounts and the whole render stay in here: they are
 * garbage before the first resource is declared.
 */
async function readPart(
  config: LoadedConfig,
  inputs: RunInputs,
  takeSnapshot: () => Snapshot | undefined,
  shard: Shard | undefined,
): Promise<{ part: ShardDirectory; kept: KeptAccount[]; tenantGroups: Map<PlannedGroup, TenantGroup> }> {
  let tenantAccounts: readonly ExistingAccount[] = [];
  const part = shardDirectory(
    await directoryOf(config, inputs, takeSnapshot(), (accounts) => (tenantAccounts = accounts)),
    shard,
  );
  const { result, skippedRecords } = part;
  for (const record of skippedRecords) {
    pulumi.log.warn(
      `employee ${record.employeeId}: ${record.field}: unreadable in Personio; record skipped, account left as it is`,
    );
  }
  // A managed account whose sync flag appeared stays in the stack unchanged: released, it would lose its memberships.
  const hybrid = result.skipped.filter((s) => s.reason === "hybrid_account").map((s) => s.employeeId);
  const unreadable = skippedRecords.map((r) => String(r.employeeId));
  const kept = keptAccounts([...unreadable, ...hybrid], tenantAccounts);
  for (const warning of result.warnings) {
    pulumi.log.warn(`employee ${warning.employeeId}: ${warning.property}: ${warning.message}`);
  }
  for (const warning of part.groupWarnings) pulumi.log.warn(warning);
  const tenantGroups = await readExistingGroups(part.groups).catch(toRunError);
  return { part, kept, tenantGroups };
}

/** Runs a step whose config errors become one line. */
function fails<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    return toRunError(error);
  }
}

/**
 * The desired directory from the runner's snapshot or Personio, adopting the tenant's existing accounts (read
 * once, after Personio); Personio and group-rule failures become one line.
 */
async function directoryOf(
  config: LoadedConfig,
  inputs: RunInputs,
  snapshot: Snapshot | undefined,
  onTenant: (accounts: readonly ExistingAccount[]) => void,
): Promise<DesiredDirectory> {
  try {
    return await desiredDirectory({
      config,
      today: snapshot?.today ?? calendarDateIn(inputs.now, config.timezone),
      existingAccounts: async () => {
        const accounts = toExistingAccounts((await azuread.getUsers({ returnAll: true })).users);
        onTenant(accounts);
        return accounts;
      },
      ...(snapshot === undefined
        ? {}
        : { listing: { employees: snapshot.employees, skipped: snapshot.skipped ?? [] } }),
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

function loadConfig(inputs: RunInputs): LoadedConfig {
  return fails(() => loadStackConfig(inputs.config, inputs.env));
}
