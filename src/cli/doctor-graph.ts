import type { LoadedConfig } from "../config";
import { type CheckResult, skipped } from "../doctor/check";
import { checkRoles, roleNeeds, tokenRoles } from "../doctor/roles";
import {
  createGraphCredential,
  graphCredentialSettings,
  type GraphCredentialSettings,
  resolveGraphEndpoint,
} from "../graph";
import { withDeadline } from "./doctor-probes";
import type { CommandIO } from "./io";

/** Signs in as the Graph step does and returns the access token for `scope`; tests pass one against the emulator. */
export type GraphTokenSource = (
  settings: GraphCredentialSettings,
  scope: string,
  signal: AbortSignal,
) => Promise<string>;

/** The Graph step's own credential (`createGraphCredential`), asked for one token. */
export const graphToken: GraphTokenSource = async (settings, scope, signal) => {
  const token = await createGraphCredential(settings).getToken(scope, { abortSignal: signal });
  if (token === null) throw new Error("the credential returned no token");
  return token.token;
};

const CREDENTIALS = "Graph credentials";

const FIXES: Readonly<Record<GraphCredentialSettings["kind"], string>> = {
  "client-secret":
    "set AZURE_CLIENT_SECRET (else ARM_CLIENT_SECRET) to the value (not the id) of a current client secret of " +
    "the app AZURE_CLIENT_ID (else ARM_CLIENT_ID) in tenant AZURE_TENANT_ID (else ARM_TENANT_ID).",
  "federated-token-file":
    "check AZURE_FEDERATED_TOKEN_FILE and the app's federated credential (issuer and subject of the workload identity).",
  "github-oidc":
    "check the app's federated credential for this repository and environment (subject repo:OWNER/REPO:environment:NAME).",
};

/** Entra's answer in one line without trace ids: `AADSTS7000215: Invalid client secret provided.` when it has one. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const aad = /AADSTS\d+: [^.]*\./.exec(message)?.[0];
  return aad ?? (message.split("\n")[0] ?? "").slice(0, 200);
}

/**
 * The Graph checks: a token from the credentials the Graph step uses (`AZURE_*`, else `ARM_*`; `GRAPH_ENDPOINT`),
 * then one line per enabled feature, its permission read from the token's `roles` claim.
 */
export async function graphChecks(
  config: LoadedConfig,
  env: CommandIO["env"],
  deadlineMs: number,
  source: GraphTokenSource = graphToken,
): Promise<CheckResult[]> {
  const needs = roleNeeds(config);
  const skipAll = (why: string) => needs.map((n) => skipped(`Graph permission for ${n.feature}`, why));
  const settings = graphCredentialSettings(env);
  let scope: string;
  try {
    if (!settings.ok) throw new RangeError(settings.error);
    scope = resolveGraphEndpoint(env["GRAPH_ENDPOINT"]).scope;
  } catch (error) {
    const fix = "set them in the runner's environment (GRAPH_ENDPOINT only for a national cloud).";
    const failed: CheckResult = { name: CREDENTIALS, status: "fail", detail: (error as Error).message, fix };
    return [failed, ...skipAll("no Graph credentials")];
  }
  const { kind } = settings.settings;
  let roles: ReturnType<typeof tokenRoles>;
  try {
    roles = tokenRoles(
      await withDeadline("Entra ID", deadlineMs, (s) => source(settings.settings, scope, s)),
    );
  } catch (error) {
    const failed: CheckResult = {
      name: CREDENTIALS,
      status: "fail",
      detail: `no token (${kind}): ${reason(error)}`,
      fix: FIXES[kind],
    };
    return [failed, ...skipAll("the Graph credentials failed")];
  }
  if ("error" in roles) {
    return [
      { name: CREDENTIALS, status: "fail", detail: `a token was issued (${kind}), but ${roles.error}.` },
      ...skipAll("the token's roles cannot be read"),
    ];
  }
  const granted: CheckResult = {
    name: CREDENTIALS,
    status: "ok",
    detail: `a token was issued (${kind}) for ${scope}; its roles claim is read without checking the signature.`,
  };
  return [granted, ...providerIdentity(env), ...checkRoles(needs, roles)];
}

/** A warning when the provider (`ARM_CLIENT_ID`) signs in as another app than the Graph step (`AZURE_CLIENT_ID`). */
function providerIdentity(env: CommandIO["env"]): CheckResult[] {
  const azure = (env["AZURE_CLIENT_ID"] ?? "").trim();
  const arm = (env["ARM_CLIENT_ID"] ?? "").trim();
  if (azure === "" || arm === "" || azure === arm) return [];
  return [
    {
      name: "Graph identities",
      status: "warn",
      detail:
        "AZURE_CLIENT_ID and ARM_CLIENT_ID name different apps: the lines below check the Graph step's app, " +
        "while the provider creates users and groups as ARM_CLIENT_ID.",
      fix: "grant the ARM_CLIENT_ID app the users and groups permissions too, or use one app.",
    },
  ];
}
