import { graphCredentialSettings, resolveGraphEndpoint } from "../../src/graph";

const IDS = { AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c" };
const COMMON = {
  tenantId: "t",
  clientId: "c",
  authorityHost: "https://login.microsoftonline.com",
  disableInstanceDiscovery: false,
};
const KINDS =
  "Allowed: a client secret (AZURE_CLIENT_SECRET or ARM_CLIENT_SECRET), a federated token file " +
  "(AZURE_FEDERATED_TOKEN_FILE) or GitHub Actions OIDC (ARM_USE_OIDC=true).";

describe("graphCredentialSettings", () => {
  it.each([
    [
      "a client secret",
      { ...IDS, AZURE_CLIENT_SECRET: "s" },
      { ...COMMON, kind: "client-secret", clientSecret: "s" },
    ],
    [
      "the azuread provider's ARM_* variables",
      { ARM_TENANT_ID: "t", ARM_CLIENT_ID: "c", ARM_CLIENT_SECRET: "s" },
      { ...COMMON, kind: "client-secret", clientSecret: "s" },
    ],
    [
      "AZURE_* over ARM_*",
      { ...IDS, ARM_TENANT_ID: "x", ARM_CLIENT_ID: "y", ARM_CLIENT_SECRET: "s" },
      { ...COMMON, kind: "client-secret", clientSecret: "s" },
    ],
    [
      "a federated token file",
      { ...IDS, AZURE_FEDERATED_TOKEN_FILE: "/var/run/token" },
      { ...COMMON, kind: "federated-token-file", tokenFilePath: "/var/run/token" },
    ],
    [
      "GitHub OIDC",
      {
        ...IDS,
        ARM_USE_OIDC: "true",
        ACTIONS_ID_TOKEN_REQUEST_URL: "https://gh/t?x=1",
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: "r",
      },
      { ...COMMON, kind: "github-oidc", requestUrl: "https://gh/t?x=1", requestToken: "r" },
    ],
    [
      "a non-default authority, without instance discovery",
      { ...IDS, AZURE_CLIENT_SECRET: "s", AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us/" },
      {
        ...COMMON,
        authorityHost: "https://login.microsoftonline.us",
        disableInstanceDiscovery: true,
        kind: "client-secret",
        clientSecret: "s",
      },
    ],
  ])("chooses %s", (_name, env, settings) => {
    expect(graphCredentialSettings(env)).toEqual({ ok: true, settings });
  });

  it.each([
    [
      "nothing is set",
      {},
      "AZURE_TENANT_ID (or ARM_TENANT_ID), AZURE_CLIENT_ID (or ARM_CLIENT_ID), AZURE_CLIENT_SECRET (or ARM_CLIENT_SECRET)",
    ],
    ["only the ids are set", IDS, "AZURE_CLIENT_SECRET (or ARM_CLIENT_SECRET)"],
    [
      "a secret lacks the client id",
      { AZURE_TENANT_ID: "t", ARM_CLIENT_SECRET: "s" },
      "AZURE_CLIENT_ID (or ARM_CLIENT_ID)",
    ],
    [
      "OIDC lacks GitHub's variables",
      { ...IDS, ARM_USE_OIDC: "true" },
      "ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    ],
    [
      "a variable is blank",
      { ...IDS, AZURE_CLIENT_SECRET: "  " },
      "AZURE_CLIENT_SECRET (or ARM_CLIENT_SECRET)",
    ],
  ])("fails when %s, naming the missing variables", (_name, env, missing) => {
    expect(graphCredentialSettings(env)).toEqual({
      ok: false,
      error: `Graph credentials incomplete: missing ${missing}. ${KINDS}`,
    });
  });

  it.each(["http://login.example.test", "https://login.example.test/tenant", "login.example.test"])(
    "fails when AZURE_AUTHORITY_HOST is %s",
    (host) => {
      expect(
        graphCredentialSettings({ ...IDS, AZURE_CLIENT_SECRET: "s", AZURE_AUTHORITY_HOST: host }),
      ).toEqual({
        ok: false,
        error:
          `Invalid AZURE_AUTHORITY_HOST: "${host}". Allowed: an https origin without path, ` +
          "e.g. https://login.microsoftonline.com or https://login.microsoftonline.us.",
      });
    },
  );
});

describe("resolveGraphEndpoint", () => {
  it.each([
    [undefined, "https://graph.microsoft.com", []],
    ["", "https://graph.microsoft.com", []],
    ["https://graph.microsoft.com/", "https://graph.microsoft.com", []],
    ["https://graph.microsoft.us", "https://graph.microsoft.us", ["graph.microsoft.us"]],
    ["https://graph.local.test:8443/", "https://graph.local.test:8443", ["graph.local.test"]],
  ])("%s → %s with customHosts %j", (value, baseUrl, customHosts) => {
    expect(resolveGraphEndpoint(value)).toEqual({ baseUrl, customHosts, scope: `${baseUrl}/.default` });
  });

  it.each(["http://graph.local.test", "https://graph.microsoft.com/v1.0", "graph.microsoft.com"])(
    "fails when GRAPH_ENDPOINT is %s",
    (value) => {
      expect(() => resolveGraphEndpoint(value)).toThrow(
        `Invalid GRAPH_ENDPOINT: "${value}". Allowed: an https origin without path, ` +
          "e.g. https://graph.microsoft.com or https://graph.microsoft.us.",
      );
    },
  );
});
