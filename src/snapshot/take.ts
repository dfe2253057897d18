import { type ConfigEnv, loadStackConfig } from "../config";
import { PersonioClient, type PersonioClientOptions } from "../personio";
import { requiredAttributes } from "../pipeline/attributes";
import { calendarDateIn } from "../render";
import type { Snapshot } from "./schema";

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
 * Lists Personio completely, as the program would, with the stack's own config (`personio-azuread:*`, namespace
 * stripped; the secret decrypted): the one Personio read of a reconcile cycle.
 */
export async function takeSnapshot(
  rawConfig: Record<string, unknown>,
  options: TakeSnapshotOptions,
): Promise<Snapshot> {
  const config = loadStackConfig(rawConfig, options.env);
  const client = new PersonioClient({
    baseUrl: config.personio.baseUrl,
    clientId: config.personio.clientId,
    clientSecret: config.personioClientSecret,
    appId: config.personio.appId,
    ...options.client,
  });
  const employees = await client.listEmployees({
    attributes: requiredAttributes(config),
    signal: options.signal,
  });
  return { version: 1, today: calendarDateIn(options.now, config.timezone), employees };
}
