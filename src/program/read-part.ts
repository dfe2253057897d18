import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, type ExistingAccount, type LoadedConfig } from "../config";
import type { PlannedGroup } from "../groups";
import { PersonioError, type PersonioClientOptions } from "../personio";
import { AttributeAccessError, type DesiredDirectory, desiredDirectory } from "../pipeline";
import { calendarDateIn } from "../render";
import type { Snapshot } from "../snapshot";
import { toExistingAccounts } from "./existing-accounts";
import { readExistingGroups, type TenantGroup } from "./existing-groups";
import { type KeptAccount, keptAccounts } from "./kept-user";
import { type ScopeAccounts, scopeAccounts } from "./scope";
import type { Shard } from "./shard";
import { type ShardDirectory, shardDirectory } from "./shard-directory";

/** What {@link readPart} keeps of the reading: the run's part, the accounts to keep, the existing groups. */
export interface RunPart {
  readonly part: ShardDirectory;
  readonly kept: KeptAccount[];
  readonly scope: ScopeAccounts;
  readonly tenantGroups: Map<PlannedGroup, TenantGroup>;
}

/** How {@link readPart} reads: for which day, from which listing, for which shard. */
export interface Reading {
  readonly now: Date;
  /** The runner's snapshot, handed over once; undefined: list Personio. */
  readonly takeSnapshot: () => Snapshot | undefined;
  /** Options of the Personio client when the program lists Personio itself (tests shorten its retry delays). */
  readonly personio: Partial<PersonioClientOptions> | undefined;
  readonly shard: Shard | undefined;
  /** `--allow-scope-release`: release managed accounts that left the scope. */
  readonly releaseScope: boolean;
}

/**
 * Reads the desired directory (the snapshot or Personio, and the tenant's accounts) and returns only the run's
 * part of it, with the accounts to keep and the existing groups as the tenant holds them; logs the warnings
 * about the run's employees. The listing, the tenant's accounts and the whole render stay in here: they are
 * garbage before the first resource is declared.
 */
export async function readPart(config: LoadedConfig, reading: Reading): Promise<RunPart> {
  const { shard, releaseScope } = reading;
  let tenantAccounts: readonly ExistingAccount[] = [];
  const directory = await directoryOf(config, reading, (accounts) => (tenantAccounts = accounts));
  const part = shardDirectory(directory, shard);
  const mine = shard?.has ?? (() => true);
  const scope = scopeAccounts(
    directory.outOfScope.filter((o) => mine(o.employeeId)),
    tenantAccounts,
    releaseScope,
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
  const kept = [...keptAccounts([...unreadable, ...hybrid], tenantAccounts), ...scope.kept];
  for (const warning of result.warnings) {
    pulumi.log.warn(`employee ${warning.employeeId}: ${warning.property}: ${warning.message}`);
  }
  for (const warning of part.groupWarnings) pulumi.log.warn(warning);
  const tenantGroups = await readExistingGroups(part.groups).catch(toRunError);
  return { part, kept, scope, tenantGroups };
}

/**
 * The desired directory from the runner's snapshot or Personio, adopting the tenant's existing accounts (read
 * once, after Personio); Personio and group-rule failures become one line.
 */
async function directoryOf(
  config: LoadedConfig,
  reading: Reading,
  onTenant: (accounts: readonly ExistingAccount[]) => void,
): Promise<DesiredDirectory> {
  const snapshot = reading.takeSnapshot();
  try {
    return await desiredDirectory({
      config,
      today: snapshot?.today ?? calendarDateIn(reading.now, config.timezone),
      personio: reading.personio,
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
export function toRunError(error: unknown): never {
  if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
  throw error;
}
