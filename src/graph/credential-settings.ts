/** Entra ID's public authority; any other host needs `disableInstanceDiscovery`. */
export const DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";

/** Environment variables as `process.env` holds them; a parameter, so the choice below stays pure. */
export type Env = Readonly<Record<string, string | undefined>>;

interface Common {
  readonly tenantId: string;
  readonly clientId: string;
  /** `https://…` without trailing slash. */
  readonly authorityHost: string;
  /** True whenever the authority is not {@link DEFAULT_AUTHORITY_HOST}, or MSAL first asks the public host. */
  readonly disableInstanceDiscovery: boolean;
}

/** Which credential to build, and what it needs; never logged (it may hold a secret). */
export type GraphCredentialSettings =
  | (Common & { readonly kind: "client-secret"; readonly clientSecret: string })
  /** AKS workload identity: the projected token file is read again on every token request (it rotates). */
  | (Common & { readonly kind: "federated-token-file"; readonly tokenFilePath: string })
  /** GitHub Actions OIDC: the job's ID token, asked for with audience `api://AzureADTokenExchange`. */
  | (Common & { readonly kind: "github-oidc"; readonly requestUrl: string; readonly requestToken: string });

export type GraphCredentialSettingsResult =
  | { readonly ok: true; readonly settings: GraphCredentialSettings }
  | { readonly ok: false; readonly error: string };

const KINDS =
  "Allowed: a client secret (AZURE_CLIENT_SECRET or ARM_CLIENT_SECRET), a federated token file " +
  "(AZURE_FEDERATED_TOKEN_FILE) or GitHub Actions OIDC (ARM_USE_OIDC=true).";

/**
 * Decides how the Graph step signs in, from the environment: `ARM_USE_OIDC=true` asks for GitHub OIDC (and
 * fails if its variables are missing); otherwise a client secret, then a federated token file. `AZURE_*`
 * wins over the azuread provider's `ARM_*`. The error names the missing variables, never a value.
 * @example graphCredentialSettings({ ARM_TENANT_ID: "t" }).error
 *   → "Graph credentials incomplete: missing AZURE_CLIENT_ID (or ARM_CLIENT_ID), … Allowed: …"
 */
export function graphCredentialSettings(env: Env): GraphCredentialSettingsResult {
  const missing: string[] = [];
  const need = (name: string, fallback?: string): string => {
    const value = get(env, name) ?? (fallback === undefined ? undefined : get(env, fallback));
    if (value === undefined) missing.push(fallback === undefined ? name : `${name} (or ${fallback})`);
    return value ?? "";
  };
  const authority = authorityOf(env);
  if (typeof authority === "object") return authority;
  const tenantId = need("AZURE_TENANT_ID", "ARM_TENANT_ID");
  const clientId = need("AZURE_CLIENT_ID", "ARM_CLIENT_ID");
  const common: Common = {
    tenantId,
    clientId,
    authorityHost: authority,
    disableInstanceDiscovery: authority !== DEFAULT_AUTHORITY_HOST,
  };
  let settings: GraphCredentialSettings | undefined;
  if (get(env, "ARM_USE_OIDC")?.toLowerCase() === "true") {
    const requestUrl = need("ACTIONS_ID_TOKEN_REQUEST_URL");
    const requestToken = need("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    settings = { ...common, kind: "github-oidc", requestUrl, requestToken };
  } else if (get(env, "AZURE_CLIENT_SECRET") ?? get(env, "ARM_CLIENT_SECRET")) {
    settings = {
      ...common,
      kind: "client-secret",
      clientSecret: need("AZURE_CLIENT_SECRET", "ARM_CLIENT_SECRET"),
    };
  } else if (get(env, "AZURE_FEDERATED_TOKEN_FILE") !== undefined) {
    settings = { ...common, kind: "federated-token-file", tokenFilePath: need("AZURE_FEDERATED_TOKEN_FILE") };
  } else {
    need("AZURE_CLIENT_SECRET", "ARM_CLIENT_SECRET");
  }
  if (missing.length > 0 || settings === undefined) {
    return { ok: false, error: `Graph credentials incomplete: missing ${missing.join(", ")}. ${KINDS}` };
  }
  return { ok: true, settings };
}

function get(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** `AZURE_AUTHORITY_HOST` as an https origin, or the one-line error when it is not one. */
function authorityOf(env: Env): string | { ok: false; error: string } {
  const text = get(env, "AZURE_AUTHORITY_HOST");
  if (text === undefined) return DEFAULT_AUTHORITY_HOST;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "https:" || (url.pathname !== "/" && url.pathname !== "") || url.search !== "") {
    return {
      ok: false,
      error:
        `Invalid AZURE_AUTHORITY_HOST: ${JSON.stringify(text)}. Allowed: an https origin without path, ` +
        `e.g. ${DEFAULT_AUTHORITY_HOST} or https://login.microsoftonline.us.`,
    };
  }
  return url.origin;
}
