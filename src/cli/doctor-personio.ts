import type { LoadedConfig } from "../config";
import { type CheckResult, skipped } from "../doctor/check";
import { checkReadableAttributes, checkWriteBackType } from "../doctor/attributes";
import { type AttributeDefinition, PersonioAuthError, type PersonioClientOptions } from "../personio";
import { personioClient } from "../pipeline/personio";
import { withDeadline } from "./doctor-probes";
import type { CommandIO } from "./io";

const CREDENTIALS = "Personio credentials";

/**
 * Where the client id and the secret come from: the environment wins over the stack file, as the config loads.
 * @example "PERSONIO_CLIENT_ID and personio-azuread:personioClientSecret in stacks/Pulumi.prod.yaml"
 */
function sources(env: CommandIO["env"], file: string): string {
  const fromEnv = (name: string) => (env[name] ?? "").trim() !== "";
  const id = fromEnv("PERSONIO_CLIENT_ID") ? undefined : "personio-azuread:personio.clientId";
  const secret = fromEnv("PERSONIO_CLIENT_SECRET") ? undefined : "personio-azuread:personioClientSecret";
  if (id !== undefined && secret !== undefined) return `${id} and ${secret} in ${file}`;
  const one = (key: string | undefined, name: string) => (key === undefined ? name : `${key} in ${file}`);
  return `${one(id, "PERSONIO_CLIENT_ID")} and ${one(secret, "PERSONIO_CLIENT_SECRET")}`;
}

/** The credentials check for a failure of the attributes listing (which signs in first). */
function credentialsFailure(error: unknown, env: CommandIO["env"], file: string): CheckResult {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PersonioAuthError && error.target.path === "/v1/auth") {
    return {
      name: CREDENTIALS,
      status: "fail",
      detail: `Personio refused the client id and secret (POST /v1/auth: HTTP ${error.status}).`,
      fix:
        `set ${sources(env, file)} to the client id and secret of API credentials in Personio ` +
        "(Settings › Integrations › API credentials).",
    };
  }
  if (error instanceof PersonioAuthError) {
    return {
      name: CREDENTIALS,
      status: "fail",
      detail: `${message}.`,
      fix: "give the API credentials read access to employee data and attributes in Personio.",
    };
  }
  return {
    name: CREDENTIALS,
    status: "fail",
    detail: `${message}.`,
    fix: "check personio.baseUrl (or PERSONIO_BASE_URL) and that this host reaches it.",
  };
}

/**
 * The Personio checks, in order: a token for the credentials (and the attribute listing they may read), every
 * attribute the config uses among them, the write-back attribute's type. Later ones are skipped when the
 * listing failed.
 */
export async function personioChecks(
  config: LoadedConfig,
  file: string,
  env: CommandIO["env"],
  deadlineMs: number,
  options: Partial<PersonioClientOptions> = {},
): Promise<CheckResult[]> {
  const client = personioClient(config, { retry: { maxAttempts: 2 }, ...options });
  let definitions: AttributeDefinition[];
  try {
    definitions = await withDeadline("Personio", deadlineMs, (signal) => client.listAttributes(signal));
  } catch (error) {
    const why = "the Personio credentials failed";
    return [
      credentialsFailure(error, env, file),
      skipped("Personio attributes", why),
      skipped("write-back attribute", why),
    ];
  }
  const origin = new URL(config.personio.baseUrl).origin;
  return [
    { name: CREDENTIALS, status: "ok", detail: `a token was issued by ${origin} for ${sources(env, file)}.` },
    checkReadableAttributes(config, definitions, file),
    checkWriteBackType(config, definitions),
  ];
}
