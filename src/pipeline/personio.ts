import type { LoadedConfig } from "../config";
import { type Employee, PersonioClient } from "../personio";
import { requiredAttributes } from "./attributes";

/**
 * Lists every employee from Personio with exactly the attributes this stack needs. Throws `PersonioError` when
 * the listing is not complete; each front end reports it its own way.
 */
export async function listEmployees(config: LoadedConfig): Promise<Employee[]> {
  const client = new PersonioClient({
    baseUrl: config.personio.baseUrl,
    clientId: config.personio.clientId,
    clientSecret: config.personioClientSecret,
    appId: config.personio.appId,
  });
  return client.listEmployees({ attributes: requiredAttributes(config) });
}
