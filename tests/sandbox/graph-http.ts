import {
  type EmulatedUser,
  type GraphEmulator,
  type GraphEmulatorOptions,
  startGraphEmulator,
} from "../../src/sandbox";

/** Shared by the Graph emulator's tests: real requests with Node's fetch. */
export const TENANT = "11111111-2222-4333-8444-555555555555";
export const CLIENT_ID = "graph-client";
export const CLIENT_SECRET = "graph-secret-value";
export const NOW = new Date("2026-11-26T08:00:00.000Z");

/** `count` cloud-only users `u-1` … with UPN `user<n>@contoso.com`. */
export function users(count: number, extra: Partial<EmulatedUser> = {}): EmulatedUser[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `u-${i + 1}`,
    employeeId: String(i + 1),
    userPrincipalName: `user${i + 1}@contoso.com`,
    accountEnabled: true,
    signInSessionsValidFromDateTime: null,
    onPremisesSyncEnabled: null,
    onPremisesExtensionAttributes: null,
    ...extra,
  }));
}

type Options = Partial<GraphEmulatorOptions>;

/** Registers an afterEach that closes every emulator a test started, and returns the starter. */
export function useGraphEmulators(): (options?: Options) => Promise<GraphEmulator> {
  const running: GraphEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((g) => g.close()));
  });
  return async (options = {}) => {
    const emulator = await startGraphEmulator({
      users: users(3),
      tenantId: TENANT,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      clock: () => NOW,
      ...options,
    });
    running.push(emulator);
    return emulator;
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // Bodies are checked whole with toEqual; a type per answer would repeat every assertion.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** One request; a non-empty body is parsed as JSON. */
export async function call(g: GraphEmulator, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${g.url}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text),
  };
}

/** `POST /{tenant}/oauth2/v2.0/token` for client credentials with this secret. */
export function requestToken(g: GraphEmulator, secret = CLIENT_SECRET): Promise<Answer> {
  return call(g, `/${TENANT}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      client_secret: secret,
      scope: "https://graph.microsoft.com/.default",
    }).toString(),
  });
}

/** A fresh access token. */
export async function login(g: GraphEmulator): Promise<string> {
  return ((await requestToken(g)).body as { access_token: string }).access_token;
}

/** An authenticated API request under `/v1.0`; a `json` body is sent as application/json. */
export function api(
  g: GraphEmulator,
  token: string,
  method: string,
  path: string,
  json?: unknown,
): Promise<Answer> {
  return call(g, `/v1.0${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(json === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}
