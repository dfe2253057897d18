import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import {
  type ConfigEnv,
  ConfigError,
  type ExistingAccount,
  hasScope,
  type LoadedConfig,
  loadStackConfig,
} from "../config";
import { PersonioError } from "../personio";
import { AttributeAccessError, type DesiredDirectory, desiredDirectory } from "../pipeline";
import { parseScopeReleaseEnv, SCOPE_RELEASE_ENV, SHARD_ENV } from "../contract";
import { calendarDateIn, type RenderResult } from "../render";
import type { Snapshot } from "../snapshot";
import { declarationOrder } from "./declaration-order";
import { declareUsers, Directory } from "./directory";
import { toExistingAccounts } from "./existing-accounts";
import { keptAccounts } from "./kept-user";
import type { LeanUser } from "./lean-user";
import { readExistingGroups } from "./existing-groups";
import { Groups } from "./groups";
import { type ProgramOutputs, stackOutputs } from "./outputs";
import { scopeAccounts } from "./scope";
import { type Shard, shardOfRun, shardResult, shardUsers } from "./shard";
import { unmanagedInputs } from "./user-resource";

/** What the program depends on from outside; `index.ts` passes the real ones, tests their own. */
export interface ProgramInputs {
  /** The `personio-azuread:*` stack config, namespace stripped (see `projectConfig`). */
  readonly config: Record<string, unknown>;
  /**
   * The config overrides, {@link SHARD_ENV} (set by the runner for a shard stack) and {@link SCOPE_RELEASE_ENV}
   * (`--allow-scope-release`).
   */
  readonly env: ConfigEnv & { readonly [SHARD_ENV]?: string; readonly [SCOPE_RELEASE_ENV]?: string };
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
  /**
   * The component that parents the users, and the one that parents the `Groups` component (named as `name`;
   * undefined: the stack). Default: a `Directory` and a `Groups` named personio at the stack's root.
   */
  readonly into?: {
    readonly name: string;
    readonly users: pulumi.Resource;
    readonly groups: pulumi.Resource | undefined;
  };
}

/** What a run declared: the stack outputs, and the accounts and created groups for a component's outputs. */
export interface ProgramRun {
  readonly outputs: ProgramOutputs;
  /** The declared accounts by Personio employee id. */
  readonly accounts: ReadonlyMap<string, LeanUser>;
  /** Display name → object id of each group the run creates. */
  readonly createdGroups: ReadonlyMap<string, pulumi.Output<string>>;
}

/**
 * The Pulumi program: validate config, list Personio completely, read the tenant's users once, render, and
 * declare the directory. Everything that can fail does so before the first resource is declared, with one
 * line (`pulumi.RunError`, no stack trace).
 */
export async function runProgram(inputs: ProgramInputs): Promise<ProgramOutputs> {
  return (await declareProgram(inputs)).outputs;
}

/** {@link runProgram}, with the declared accounts and created groups beside the stack outputs. */
export async function declareProgram(inputs: ProgramInputs): Promise<ProgramRun> {
  const config = loadConfig(inputs);
  const shard = fails(() =>
    shardOfRun(config.shards, inputs.env[SHARD_ENV], inputs.stack ?? pulumi.getStack()),
  );
  const releaseScope = fails(() => scopeRelease(inputs.env[SCOPE_RELEASE_ENV]));
  let tenantAccounts: readonly ExistingAccount[] = [];
  const directoryRead = await directoryOf(config, inputs, (accounts) => (tenantAccounts = accounts));
  const { employees, groups: groupPlan } = directoryRead;
  const mine = shard?.has ?? (() => true);
  const skippedRecords = directoryRead.skippedRecords.filter((r) => mine(String(r.employeeId)));
  const { result, managersPending } = ofShard(directoryRead.result, shard);
  for (const record of skippedRecords) {
    pulumi.log.warn(
      `employee ${record.employeeId}: ${record.field}: unreadable in Personio; record skipped, account left as it is`,
    );
  }
  // A managed account whose sync flag appeared stays in the stack unchanged: released, it would lose its memberships.
  const hybrid = result.skipped.filter((s) => s.reason === "hybrid_account").map((s) => s.employeeId);
  const unreadable = skippedRecords.map((r) => String(r.employeeId));
  const scope = scopeAccounts(
    directoryRead.outOfScope.filter((o) => mine(o.employeeId)),
    tenantAccounts,
    releaseScope,
  );
  const kept = [...keptAccounts([...unreadable, ...hybrid], tenantAccounts), ...scope.kept];
  for (const warning of result.warnings) {
    pulumi.log.warn(`employee ${warning.employeeId}: ${warning.property}: ${warning.message}`);
  }
  if ((shard?.index ?? 0) === 0) for (const warning of groupPlan.warnings) pulumi.log.warn(warning);
  const tenantGroups = await readExistingGroups(groupPlan).catch(toRunError);
  const { declarations, dropped } = declarationOrder(result.users);
  for (const link of dropped) {
    pulumi.log.warn(
      `employee ${link.employeeId}: managerId: the supervisor chain loops back (via ${link.managerEmployeeId}); no manager set`,
    );
  }
  const directoryArgs = {
    declarations,
    followRenames: config.followRenames,
    unmanagedInputs: unmanagedInputs(config.attributeMapping),
    newPassword: inputs.newPassword,
    kept,
  };
  const accounts =
    inputs.into === undefined
      ? (await Directory.declare("personio", directoryArgs)).users
      : await declareUsers(inputs.into.users, directoryArgs);
  const groups =
    config.groups.length === 0
      ? undefined
      : new Groups(
          inputs.into?.name ?? "personio",
          {
            plan: groupPlan,
            tenant: tenantGroups,
            users: directoryRead.result.users,
            kept,
            accountId: (employeeId) => (accounts.get(employeeId) as LeanUser).objectId,
            ...(shard === undefined ? {} : { shard }),
          },
          { parent: inputs.into?.groups },
        );
  const outputs = {
    ...stackOutputs(
      result,
      employees.filter((e) => mine(String(e.id))).length + skippedRecords.length,
      accounts,
      groups,
      skippedRecords,
      config.graph.temporaryAccessPass !== undefined,
    ),
    ...(hasScope(config.scope) ? { outOfScope: scope.output } : {}),
  };
  const createdGroups = groups?.createdIds ?? new Map<string, pulumi.Output<string>>();
  if (shard === undefined) return { outputs, accounts, createdGroups };
  const membersPending = groups?.membersPending ?? 0;
  if (managersPending + membersPending > 0) {
    pulumi.log.info(
      `shard ${shard.index}/${shard.shards}: ${managersPending} manager link(s) and ${membersPending} created-group ` +
        "membership(s) wait for accounts another shard creates this cycle; they follow on the next cycle",
    );
  }
  return {
    outputs: {
      ...outputs,
      crossShardManagersPending: managersPending,
      crossShardMembersPending: membersPending,
    },
    accounts,
    createdGroups,
  };
}

/** The whole render result (unsharded), or the shard's part of it with its managers in other shards resolved. */
function ofShard(
  result: RenderResult,
  shard: Shard | undefined,
): { result: RenderResult; managersPending: number } {
  if (shard === undefined) return { result, managersPending: 0 };
  const { users, managersPending } = shardUsers(result.users, shard);
  return { result: shardResult(result, users, shard), managersPending };
}

/** Reads {@link SCOPE_RELEASE_ENV}; a malformed value is a config error (one line). */
function scopeRelease(value: string | undefined): boolean {
  try {
    return parseScopeReleaseEnv(value);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
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
  return fails(() => loadStackConfig(inputs.config, inputs.env));
}
