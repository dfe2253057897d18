import { readFile } from "node:fs/promises";
import type * as Identity from "@azure/identity";
import type { TokenCredential } from "@azure/identity";
import type { GraphCredentialSettings } from "./credential-settings";
import { fetchGitHubIdToken } from "./github-oidc";

export interface GraphCredentialOptions {
  /** Deadline of one GitHub OIDC token request; default 30 s. */
  readonly oidcDeadlineMs?: number;
  /** For tests of the GitHub OIDC exchange. */
  readonly fetch?: typeof fetch;
}

/**
 * `@azure/identity`, loaded when a credential is first made: with MSAL and the Azure core it is about 170
 * modules, which a run (or a test) without Graph never needs.
 */
function identity(): typeof Identity {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, typed by the import above
  return require("@azure/identity") as typeof Identity;
}

/**
 * The `@azure/identity` credential for the settings: a client secret, or a client assertion read on every token
 * request — from the federated token file (AKS workload identity rotates it) or from GitHub's OIDC endpoint.
 */
export function createGraphCredential(
  settings: GraphCredentialSettings,
  options: GraphCredentialOptions = {},
): TokenCredential {
  const { ClientAssertionCredential, ClientSecretCredential } = identity();
  const { tenantId, clientId, authorityHost, disableInstanceDiscovery } = settings;
  const common = { authorityHost, disableInstanceDiscovery };
  switch (settings.kind) {
    case "client-secret":
      return new ClientSecretCredential(tenantId, clientId, settings.clientSecret, common);
    case "federated-token-file": {
      const path = settings.tokenFilePath;
      return new ClientAssertionCredential(
        tenantId,
        clientId,
        async () => (await readFile(path, "utf8")).trim(),
        common,
      );
    }
    case "github-oidc": {
      const { requestUrl, requestToken } = settings;
      const assertion = (): Promise<string> =>
        fetchGitHubIdToken({
          requestUrl,
          requestToken,
          deadlineMs: options.oidcDeadlineMs,
          fetch: options.fetch,
        });
      return new ClientAssertionCredential(tenantId, clientId, assertion, common);
    }
  }
}
