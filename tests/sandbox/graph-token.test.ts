import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { selfSignedCertificate } from "../../src/sandbox";
import {
  api,
  call,
  CLIENT_ID,
  CLIENT_SECRET,
  login,
  requestToken,
  TENANT,
  useGraphEmulators,
} from "./graph-http";

const start = useGraphEmulators();
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));

describe("Graph emulator: the token side", () => {
  it("serves an openid-configuration whose endpoints point back at the emulator", async () => {
    const g = await start();
    const answer = await call(g, `/${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      token_endpoint: `${g.url}/${TENANT}/oauth2/v2.0/token`,
      issuer: `${g.url}/${TENANT}/v2.0`,
      authorization_endpoint: `${g.url}/${TENANT}/oauth2/v2.0/authorize`,
      jwks_uri: `${g.url}/${TENANT}/discovery/v2.0/keys`,
    });
  });

  it("issues an unsigned-looking JWT whose roles are the configured permissions", async () => {
    const g = await start({ roles: ["User.Read.All", "Mail.Send"] });
    const answer = await requestToken(g);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    expect(claims(answer.body.access_token)).toMatchObject({
      roles: ["User.Read.All", "Mail.Send"],
      appid: CLIENT_ID,
      tid: TENANT,
    });
  });

  it("fails with 401 invalid_client in AAD's shape for a wrong secret", async () => {
    const g = await start();
    const answer = await requestToken(g, "wrong");
    expect([answer.status, answer.body.error, answer.body.error_codes]).toEqual([
      401,
      "invalid_client",
      [7000215],
    ]);
    expect(answer.body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
  });

  it("accepts a federated client_assertion", async () => {
    const g = await start();
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const assertion = `${part({ alg: "RS256" })}.${part({ sub: "system:serviceaccount:hr:runner" })}.sig`;
    const form = {
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      scope: "https://graph.microsoft.com/.default",
    };
    const body = new URLSearchParams({
      ...form,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    });
    const answer = await call(g, `/${TENANT}/oauth2/v2.0/token`, { method: "POST", body });
    expect(answer.status).toBe(200);
  });

  it.each([
    [undefined, "Access token is empty."],
    ["Bearer made-up", "Access token validation failure. Invalid audience or expired token."],
  ])("fails with 401 for Authorization %s", async (authorization, message) => {
    const g = await start();
    const answer = await call(g, "/v1.0/users", {
      headers: authorization === undefined ? {} : { Authorization: authorization },
    });
    expect([answer.status, answer.body]).toEqual([
      401,
      { error: { code: "InvalidAuthenticationToken", message } },
    ]);
  });

  it.each([
    ["POST", "/users/u-1/revokeSignInSessions"],
    ["POST", "/users/u-1/authentication/temporaryAccessPassMethods"],
    ["PATCH", "/users/u-1"],
  ])(
    "fails with 403 Authorization_RequestDenied when the token lacks the role for %s %s",
    async (method, path) => {
      const g = await start({ roles: ["User.Read.All", "Mail.Send"] });
      const answer = await api(g, await login(g), method, path, method === "GET" ? undefined : {});
      expect([answer.status, answer.body]).toEqual([
        403,
        {
          error: {
            code: "Authorization_RequestDenied",
            message: "Insufficient privileges to complete the operation.",
          },
        },
      ]);
      expect(g.state.counts.writes).toBe(0);
    },
  );
});

const tls = selfSignedCertificate();
const withOpenssl = tls === null ? it.skip : it;

describe("Graph emulator over HTTPS with the real @azure/identity", () => {
  withOpenssl("gets a token through MSAL with disableInstanceDiscovery (openssl needed)", async () => {
    const g = await start({ tls: tls ?? undefined });
    const ca = path.join(tmpdir(), `graph-emulator-ca-${process.pid}.pem`);
    writeFileSync(ca, tls?.cert ?? "");
    const script = `const { ClientSecretCredential } = require("@azure/identity");
      new ClientSecretCredential(process.env.T, process.env.C, process.env.S, { authorityHost: process.env.A, disableInstanceDiscovery: true })
        .getToken("https://graph.microsoft.com/.default").then((t) => console.log(t.token));`;
    const env = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: ca,
      T: TENANT,
      C: CLIENT_ID,
      S: CLIENT_SECRET,
      A: g.authorityHost,
    };
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
      env,
      cwd: path.resolve(__dirname, "../.."),
    });
    expect(g.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(claims(stdout.trim()).roles).toContain("Mail.Send");
    expect(g.state.counts.tokens).toBe(1);
  });
});
