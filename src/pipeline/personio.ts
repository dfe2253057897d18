import type { LoadedConfig } from "../config";
import { type EmployeeListing, PersonioClient, type PersonioClientOptions } from "../personio";
import { requiredAttributes } from "../config/required-attributes";

/**
 * The Personio client of a stack: endpoint, credentials and app id from its config. `options` adds what
 * tests and metrics change (transport, request hook, retry delays).
 */
export function personioClient(
  config: LoadedConfig,
  options: Partial<PersonioClientOptions> = {},
): PersonioClient {
  return new PersonioClient({
    baseUrl: config.personio.baseUrl,
    clientId: config.personio.clientId,
    clientSecret: config.personioClientSecret,
    appId: config.personio.appId,
    ...options,
  });
}

/**
 * Lists every employee from Personio with exactly the attributes this stack needs; a record with an unreadable
 * field is skipped (`skipped`: id and field). Throws `PersonioError` when the listing is not complete; each front
 * end reports it its own way.
 */
export async function listEmployees(
  config: LoadedConfig,
  client: PersonioClient = personioClient(config),
  signal?: AbortSignal,
): Promise<EmployeeListing> {
  return client.listEmployeeRecords({ attributes: requiredAttributes(config), signal });
}
