import {
  CliError,
  CompanyFileError,
  generateCompany,
  loadCompanyFile,
  loadSampleCompany,
  parseSandboxArgs,
  SANDBOX_USAGE,
  startGraphEmulator,
  selfSignedCertificate,
  startSandbox,
  tenantFromCompany,
} from "../src/sandbox";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The emulated tenant's fixed identity: a demo, not a secret. */
const GRAPH_TENANT = {
  tenantId: "00000000-0000-4000-8000-00000000c0de",
  clientId: "graph-sandbox-client",
  clientSecret: "graph-sandbox-secret",
};

/** Runs a Personio sandbox until SIGINT/SIGTERM; the first stdout line is its base URL. Exit 2 on bad flags. */
async function main(argv: readonly string[]): Promise<number> {
  let args;
  let employees;
  try {
    args = parseSandboxArgs(argv);
    if (args.help) {
      console.log(SANDBOX_USAGE);
      return 0;
    }
    const today = args.today;
    employees =
      args.data !== undefined
        ? loadCompanyFile(args.data, { today })
        : args.generate !== undefined
          ? generateCompany(args.generate)
          : loadSampleCompany({ today });
  } catch (error) {
    if (error instanceof CliError || error instanceof CompanyFileError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const sandbox = await startSandbox({
    employees,
    port: args.port,
    latencyMs: args.latencyMs,
    tokenTtlSeconds: args.tokenTtlSeconds,
    faults: { rejectCredentials: args.rejectCredentials, enforceRateLimit: args.rateLimit },
    webhook: args.webhook && { ...args.webhook, log: (line) => console.error(line) },
  });
  console.log(sandbox.baseUrl);
  console.log(`PERSONIO_CLIENT_ID=${sandbox.credentials.clientId}`);
  console.log(`PERSONIO_CLIENT_SECRET=${sandbox.credentials.clientSecret}`);
  console.error(`Personio sandbox: ${employees.length} employees at ${sandbox.baseUrl}; Ctrl-C stops it.`);
  if (args.webhook !== undefined) {
    console.error(
      `Webhooks to ${new URL(args.webhook.url).origin}; change one: POST /sandbox/employees/{id}.`,
    );
  }
  // The Graph client sends tokens only over https and MSAL wants an https authority: serve TLS with a
  // certificate made for this run, trusted by the runner through NODE_EXTRA_CA_CERTS.
  const tls = args.graphPort === undefined ? null : selfSignedCertificate();
  const caDir = tls === null ? undefined : mkdtempSync(path.join(tmpdir(), "personio-azuread-graph-ca-"));
  const caFile = caDir === undefined ? undefined : path.join(caDir, "ca.pem");
  if (caFile !== undefined && tls !== null) writeFileSync(caFile, tls.cert, { mode: 0o600 });
  const graph =
    args.graphPort === undefined
      ? undefined
      : await startGraphEmulator({
          ...GRAPH_TENANT,
          users: tenantFromCompany(employees),
          port: args.graphPort,
          log: (line) => console.error(`graph: ${line}`),
          ...(tls === null ? {} : { tls }),
        });
  if (graph !== undefined) {
    console.log(`GRAPH_ENDPOINT=${graph.url}`);
    console.log(`AZURE_AUTHORITY_HOST=${graph.authorityHost}`);
    console.log(`AZURE_TENANT_ID=${GRAPH_TENANT.tenantId}`);
    console.log(`AZURE_CLIENT_ID=${GRAPH_TENANT.clientId}`);
    console.log(`AZURE_CLIENT_SECRET=${GRAPH_TENANT.clientSecret}`);
    if (caFile !== undefined) console.log(`NODE_EXTRA_CA_CERTS=${caFile}`);
    console.error(
      caFile === undefined
        ? `Graph emulator: ${graph.state.users.length} accounts at ${graph.url} (plain HTTP: openssl was not found ` +
            "to make a certificate, and the runner's Graph client needs https; tests route around it)."
        : `Graph emulator: ${graph.state.users.length} accounts at ${graph.url} (TLS, certificate in ${caFile}).`,
    );
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await Promise.all([sandbox.close(), graph?.close()]);
  if (caDir !== undefined) rmSync(caDir, { recursive: true, force: true });
  const count = sandbox.requests.length;
  console.error(`Personio sandbox: stopped (${signal}) after ${count} request${count === 1 ? "" : "s"}.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
