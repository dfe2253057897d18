import { createGraphApi, type GraphApiOptions } from "./client";
import { type Env, graphCredentialSettings } from "./credential-settings";
import { createGraphCredential } from "./credentials";
import type { GraphApi } from "./types";

/** No usable Graph credentials in the environment; the message names the variables, never a value. */
export class GraphCredentialsError extends Error {
  override readonly name = "GraphCredentialsError";
}

/**
 * The Graph client the runner and the commands use, from the environment: `AZURE_*` (else the provider's
 * `ARM_*`) credentials, `AZURE_AUTHORITY_HOST`, `GRAPH_ENDPOINT`. Throws {@link GraphCredentialsError}.
 */
export function graphApiFromEnv(env: Env, options: Partial<GraphApiOptions> = {}): GraphApi {
  const settings = graphCredentialSettings(env);
  if (!settings.ok) throw new GraphCredentialsError(settings.error);
  return createGraphApi({
    ...options,
    credential: createGraphCredential(settings.settings),
    endpoint: env["GRAPH_ENDPOINT"],
  });
}
