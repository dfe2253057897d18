import * as pulumi from "@pulumi/pulumi";
import { type ConfigEnv, ConfigError, hasScope, type LoadedConfig, loadStackConfig } from "../config";
import { parseScopeReleaseEnv, SCOPE_RELEASE_ENV, SHARD_ENV } from "../contract";
import type { Snapshot } from "../snapshot";
import type { PersonioClientOptions } from "../personio";
import { handOver } from "../util/hand-over";
import { declarationOrder } from "./declaration-order";
import { declareUsers, Directory } from "./directory";
import type { LeanUser } from "./lean-user";
import { Groups } from "./groups";
import { type ProgramOutputs, stackOutputs } from "./outputs";
import { readPart, toRunError } from "./read-part";
import { shardOfRun } from "./shard";
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
  /** Options of the Personio client when there is no snapshot (tests shorten its retry delays). */
  readonly personio?: Partial<PersonioClientOptions>;
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
export function runProgram(inputs: ProgramInputs): Promise<ProgramOutputs> {
  // Not async: an async function would hold `inputs`, the snapshot with it, until the run ends.
  return declareProgram(inputs).then((run) => run.outputs);
}

/**
 * {@link runProgram}, with the declared accounts and created groups beside the stack outputs. The snapshot is
 * handed over once and not kept (an async function keeps its arguments until it ends): a shard stack declares an
 * eighth of it, and the rest would be garbage the collector walks on every pass.
 */
export function declareProgram(inputs: ProgramInputs): Promise<ProgramRun> {
  const { snapshot, ...rest } = inputs;
  return declareRun(rest, handOver(snapshot));
}

/** The program's inputs once the snapshot is handed over: `takeSnapshot` answers once, then undefined. */
type RunInputs = Omit<ProgramInputs, "snapshot">;

async function declareRun(inputs: RunInputs, takeSnapshot: () => Snapshot | undefined): Promise<ProgramRun> {
  const config = loadConfig(inputs);
  const shard = fails(() =>
    shardOfRun(config.shards, inputs.env[SHARD_ENV], inputs.stack ?? pulumi.getStack()),
  );
  const releaseScope = fails(() => scopeRelease(inputs.env[SCOPE_RELEASE_ENV]));
  const { part, kept, scope, tenantGroups } = await readPart(config, {
    now: inputs.now,
    takeSnapshot,
    personio: inputs.personio,
    shard,
    releaseScope,
  });
  const { result, skippedRecords, managersPending } = part;
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
            groups: part.groups,
            tenant: tenantGroups,
            adopted: part.adopted,
            kept,
            accountId: (employeeId) => (accounts.get(employeeId) as LeanUser).objectId,
            ...(shard === undefined ? {} : { shard }),
          },
          { parent: inputs.into?.groups },
        );
  const outputs = {
    ...stackOutputs(
      result,
      part.employees,
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

function loadConfig(inputs: RunInputs): LoadedConfig {
  return fails(() => loadStackConfig(inputs.config, inputs.env));
}
