import { TENANT_USER_FIELDS } from "../graph/types";
import type { GraphEmulator } from "./graph-server";

/** The emulated tenant's app credentials. */
export interface GraphAppCredentials {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The tenant export the offline plan reads (`--existing-accounts`), taken from an emulator as an operator takes it
 * from Graph: a client-credentials token, then every page of `GET /v1.0/users?$select=…&$top=999`, the pages'
 * `value` arrays concatenated. Throws one line naming the request when the emulator does not answer 200.
 */
export async function exportTenant(emulator: GraphEmulator, app: GraphAppCredentials): Promise<unknown[]> {
  const token = await fetch(`${emulator.authorityHost}/${app.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    }).toString(),
  });
  if (token.status !== 200) throw new Error(`Graph emulator token request failed: HTTP ${token.status}.`);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const users: unknown[] = [];
  let next: string | undefined =
    `${emulator.url}/v1.0/users?$select=${TENANT_USER_FIELDS.join(",")}&$top=999`;
  while (next !== undefined) {
    const page = await fetch(next, { headers: { Authorization: `Bearer ${accessToken}` } });
    if (page.status !== 200) throw new Error(`Graph emulator GET /v1.0/users failed: HTTP ${page.status}.`);
    const body = (await page.json()) as { value: unknown[]; "@odata.nextLink"?: string };
    users.push(...body.value);
    next = body["@odata.nextLink"];
  }
  return users;
}
