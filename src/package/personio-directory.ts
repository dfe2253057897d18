import * as pulumi from "@pulumi/pulumi";
import { ConfigError, type ConfigEnv, fromEngineValue, parseStackConfig, toEngineValue } from "../config";
import { DIRECTORY_TYPE, PERSONIO_DIRECTORY_TYPE } from "../contract";
import { declareProgram, type LeanUser, type ProgramRun } from "../program";
import type { DirectoryCounts, PersonioDirectoryArgs } from "./args";
import { recordRun, takeOwnStack } from "./own-stack";
import { stackConfigOf } from "./stack-config";
import { handOver } from "../util/hand-over";

/**
 * Microsoft Entra ID accounts for the employees in Personio: lists Personio, renders each employee's account
 * (UPN, attributes, enabled or not, manager) and declares the users, groups and memberships as children.
 */
export class PersonioDirectory extends pulumi.ComponentResource {
  /** Counts of the run: employees, managed, enabled, disabled, adopted, created, skipped accounts; groups, memberships. */
  readonly counts: pulumi.Output<DirectoryCounts>;
  /** Employee id → user principal name of every managed account. */
  readonly principalNames: pulumi.Output<{ [employeeId: string]: string }>;
  /** Employee id → object id of every managed account. */
  readonly objectIds: pulumi.Output<{ [employeeId: string]: string }>;
  /** Display name → object id of every group the component creates. */
  readonly groupIds: pulumi.Output<{ [displayName: string]: string }>;

  constructor(name: string, args: PersonioDirectoryArgs, opts?: pulumi.ComponentResourceOptions) {
    const own = takeOwnStack(opts);
    checkSettings(args, own?.env ?? {});
    // No args in the component's own inputs: its state holds no settings, no secret, no employee data.
    super(own === undefined ? PERSONIO_DIRECTORY_TYPE : DIRECTORY_TYPE, name, {}, opts);
    // The runner's snapshot is handed to the run once; no closure here holds `own` or `opts`, so it is garbage
    // once the run has read it (a shard declares an eighth of it).
    const settings = own === undefined ? {} : { ...own, snapshot: undefined };
    const snapshot = handOver(own?.snapshot);
    const groupsParent = own === undefined ? this : opts?.parent;
    const run = clientSecretOf(args).then((clientSecret) =>
      declareProgram({
        env: {},
        now: new Date(),
        ...settings,
        snapshot: snapshot(),
        config: stackConfigOf(args, clientSecret),
        into: { name, users: this, groups: groupsParent },
      }),
    );
    recordRun(this, run);
    // The program's failure is the stack outputs' (index.ts exports them): its component outputs, which no one
    // reads, stay pending instead of rejecting a second time. A consumer's outputs reject with the failure.
    const outputsOf = own === undefined ? run : run.catch(() => new Promise<never>(() => undefined));
    // Each output is the run's promise mapped; an Output the mapping returns is lifted, resources and all.
    const fromRun = <T>(map: (ran: ProgramRun) => pulumi.Input<T>): pulumi.Output<T> =>
      pulumi.output(outputsOf.then(map)) as pulumi.Output<T>;
    this.counts = fromRun(({ outputs: { counts, groups } }) => ({
      ...counts,
      groups: groups.groups,
      memberships: groups.memberships,
    }));
    this.principalNames = fromRun(({ outputs }) => outputs.principalNames);
    // The own program exports the stack outputs, not these: joining 12,000 accounts' ids cost a shard 70 MB and
    // 1–2 s (bench/shards), so its component leaves this map empty.
    this.objectIds =
      own === undefined
        ? fromRun(({ accounts }) => objectIds(accounts))
        : pulumi.output<{ [employeeId: string]: string }>({});
    this.groupIds = fromRun(groupIds);
    // A consumer's failed run fails this registration, which the Pulumi runtime reports (a RunError as its one
    // line). The program's Directory registers none, as before: the stack outputs carry them.
    if (own !== undefined) return;
    this.registerOutputs({
      counts: this.counts,
      principalNames: this.principalNames,
      objectIds: this.objectIds,
      groupIds: this.groupIds,
    });
  }
}

/**
 * Validates the settings before anything is registered, each value read as the engine hands a stack's to the
 * program; a bad one fails the constructor with the config error's one line. The secret is checked with the
 * rest of the run (the environment may give it to this repository's program).
 */
function checkSettings(args: PersonioDirectoryArgs, env: ConfigEnv): void {
  const settings = Object.entries(stackConfigOf(args, undefined)).map(([key, value]) => [
    key,
    fromEngineValue(toEngineValue(value)),
  ]);
  try {
    parseStackConfig(Object.fromEntries(settings), env);
  } catch (error) {
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

/**
 * The client secret as a string, when given: a consumer's SDK may hand it over as a secret Output. It is read
 * inside a secret and goes only to the Personio client.
 */
function clientSecretOf(args: PersonioDirectoryArgs): Promise<string | undefined> {
  const given = (args.personio as Partial<PersonioDirectoryArgs["personio"]> | undefined)?.clientSecret;
  if (given === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => pulumi.secret(given).apply(resolve));
}

function objectIds(accounts: ReadonlyMap<string, LeanUser>): pulumi.Output<Record<string, string>> {
  const ids = [...accounts.keys()];
  return pulumi
    .all(ids.map((id) => (accounts.get(id) as LeanUser).objectId))
    .apply((objects) => Object.fromEntries(ids.map((id, i) => [id, objects[i] as string])));
}

function groupIds({ createdGroups }: ProgramRun): pulumi.Output<Record<string, string>> {
  const names = [...createdGroups.keys()];
  return pulumi
    .all(names.map((label) => createdGroups.get(label) as pulumi.Output<string>))
    .apply((objects) => Object.fromEntries(names.map((label, i) => [label, objects[i] as string])));
}
