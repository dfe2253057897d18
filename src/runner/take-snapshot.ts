import { type ConfigEnv, type LoadedConfig, loadStackConfig } from "../config";
import type { PersonioClient, PersonioClientOptions } from "../personio";
import { checkAttributeAccess } from "../pipeline/attribute-access";
import { listEmployees, personioClient } from "../pipeline/personio";
import { calendarDateIn } from "../render";
import type { Snapshot } from "../snapshot/schema";

/** What reading a snapshot needs besides the stack's config. */
export interface TakeSnapshotOptions {
  readonly env: ConfigEnv;
  /** The instant whose company-time-zone date the cycle renders for. */
  readonly now: Date;
  readonly signal?: AbortSignal;
  /** Client options for tests and metrics (transport, request hook); credentials come from the config. */
  readonly client?: Partial<PersonioClientOptions>;
}

/**
 * One cycle's read of Personio: the snapshot preview and `up` render, the validated config it was read with, and
 * the client that read it — kept for write-back, so a cycle authenticates once and paces all its requests to
 * Personio with one rate limiter.
 */
export interface PersonioReading {
  readonly snapshot: Snapshot;
  readonly config: LoadedConfig;
  readonly client: PersonioClient;
}

/**
 * Lists Personio completely, as the program would, with the stack's own config (`personio-azuread:*`, namespace
 * stripped; the secret decrypted): the one Personio read of a reconcile cycle.
 */
export async function takeSnapshot(
  rawConfig: Record<string, unknown>,
  options: TakeSnapshotOptions,
): Promise<PersonioReading> {
  const config = loadStackConfig(rawConfig, options.env);
  const client = personioClient(config, options.client);
  const { employees, skipped } = await listEmployees(config, client, options.signal);
  checkAttributeAccess(config, employees);
  return {
    snapshot: { version: 1, today: calendarDateIn(options.now, config.timezone), employees, skipped },
    config,
    client,
  };
}

/**
 * The reading of a snapshot listed earlier (a checked bundle's, in a later phase of a sharded cycle): the stack's
 * config validated as `takeSnapshot` does, and a client for write-back. Personio is not listed again.
 */
export function readingOf(
  rawConfig: Record<string, unknown>,
  snapshot: Snapshot,
  env: ConfigEnv,
): PersonioReading {
  const config = loadStackConfig(rawConfig, env);
  return { snapshot, config, client: personioClient(config) };
}
