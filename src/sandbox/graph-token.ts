import { randomBytes, randomUUID } from "node:crypto";
import type { GraphReply } from "./graph-reply";
import type { GraphState } from "./graph-state";

/** What the token side needs to know about the emulator. */
export interface TokenContext {
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenTtlSeconds: number;
  readonly state: GraphState;
  readonly tokens: TokenRegistry;
  readonly now: Date;
}

/** The claims of a token the emulator issued that the API side checks. */
export interface IssuedToken {
  readonly roles: readonly string[];
  readonly expiresAt: number;
}

/** Tokens the emulator issued, by their text: only these open the API. */
export class TokenRegistry {
  private readonly issued = new Map<string, IssuedToken>();

  add(token: string, claims: IssuedToken): void {
    this.issued.set(token, claims);
  }

  /** The token's claims while it is known and unexpired at `now` (ms since the epoch). */
  valid(token: string, now: number): IssuedToken | undefined {
    const claims = this.issued.get(token);
    return claims !== undefined && now < claims.expiresAt ? claims : undefined;
  }
}

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const DISCOVERY_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
const KEYS_PATH = /^\/([^/]+)\/discovery\/v2\.0\/keys$/;
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Answers the login side (discovery, keys, token) as Entra's v2 endpoint does; undefined for other paths. */
export function routeToken(
  ctx: TokenContext,
  method: string,
  path: string,
  body: string,
): GraphReply | undefined {
  const tenant = (TOKEN_PATH.exec(path) ?? DISCOVERY_PATH.exec(path) ?? KEYS_PATH.exec(path))?.[1];
  if (tenant === undefined) return undefined;
  const expected = TOKEN_PATH.test(path) ? "POST" : "GET";
  if (method !== expected)
    return aadError(ctx, 405, "invalid_request", 900561, `The endpoint only accepts ${expected} requests.`);
  if (tenant !== ctx.tenantId) {
    return aadError(
      ctx,
      400,
      "invalid_tenant",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`,
    );
  }
  if (DISCOVERY_PATH.test(path))
    return { kind: "json", status: 200, body: openIdConfiguration(ctx.baseUrl, tenant) };
  if (KEYS_PATH.test(path)) return { kind: "json", status: 200, body: { keys: [] } };
  return issueToken(ctx, new URLSearchParams(body));
}

/** The discovery document MSAL reads: every endpoint points back at the emulator. */
export function openIdConfiguration(baseUrl: string, tenant: string): Record<string, unknown> {
  const root = `${baseUrl}/${tenant}`;
  return {
    token_endpoint: `${root}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${root}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${root}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
    authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${root}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "nonce", "tid", "ver", "oid"],
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
  };
}

function issueToken(ctx: TokenContext, form: URLSearchParams): GraphReply {
  const grant = form.get("grant_type");
  if (grant !== "client_credentials") {
    return aadError(
      ctx,
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grant ?? ""}'.`,
    );
  }
  const clientId = form.get("client_id");
  if (clientId !== ctx.clientId) {
    return aadError(
      ctx,
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId ?? ""}' was not found in the directory '${ctx.tenantId}'.`,
    );
  }
  if (!(form.get("scope") ?? "").endsWith("/.default")) {
    return aadError(
      ctx,
      400,
      "invalid_scope",
      1002012,
      "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.",
    );
  }
  const refused = checkCredential(ctx, form);
  if (refused !== undefined) return refused;
  const nowSeconds = Math.floor(ctx.now.getTime() / 1000);
  const expires = nowSeconds + ctx.tokenTtlSeconds;
  const roles = [...ctx.state.roles];
  const token = unsignedJwt({
    aud: "https://graph.microsoft.com",
    iss: `https://sts.windows.net/${ctx.tenantId}/`,
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: expires,
    appid: ctx.clientId,
    idtyp: "app",
    roles,
    tid: ctx.tenantId,
    uti: randomBytes(16).toString("base64url"),
    ver: "1.0",
  });
  ctx.tokens.add(token, { roles, expiresAt: expires * 1000 });
  ctx.state.addSecret(token);
  ctx.state.counts.tokens++;
  return {
    kind: "json",
    status: 200,
    body: {
      token_type: "Bearer",
      expires_in: ctx.tokenTtlSeconds,
      ext_expires_in: ctx.tokenTtlSeconds,
      access_token: token,
    },
  };
}

/** 401 `invalid_client` for a wrong or missing secret or a malformed assertion; undefined when the app proved itself. */
function checkCredential(ctx: TokenContext, form: URLSearchParams): GraphReply | undefined {
  const secret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  if (secret !== null) {
    if (secret === ctx.clientSecret) return undefined;
    return aadError(
      ctx,
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${ctx.clientId}'.`,
    );
  }
  if (assertion !== null) {
    ctx.state.addSecret(assertion);
    if (form.get("client_assertion_type") === ASSERTION_TYPE && isJwt(assertion)) return undefined;
    return aadError(ctx, 401, "invalid_client", 50027, "JWT token is invalid or malformed.");
  }
  return aadError(
    ctx,
    401,
    "invalid_client",
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  );
}

function isJwt(text: string): boolean {
  const [header, payload] = text.split(".");
  try {
    return (
      text.split(".").length === 3 &&
      [header, payload].every(
        (part) => typeof JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) === "object",
      )
    );
  } catch {
    return false;
  }
}

/** `header.payload.` with `alg: none`: looks like Entra's token to a client, proves nothing. */
function unsignedJwt(payload: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ typ: "JWT", alg: "none" })}.${part(payload)}.`;
}

/** Entra's OAuth error body: `{error, error_description: "AADSTS<n>: …", error_codes, timestamp, trace_id, correlation_id}`. */
function aadError(
  ctx: TokenContext,
  status: number,
  error: string,
  code: number,
  message: string,
): GraphReply {
  const timestamp = ctx.now
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "Z");
  return {
    kind: "json",
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${randomUUID()} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
      error_uri: `${ctx.baseUrl}/error?code=${code}`,
    },
  };
}
