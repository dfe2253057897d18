import {
  type GraphApi,
  GraphCredentialsError,
  graphApiFromEnv,
  GraphPayloadError,
  GraphRequestError,
  GraphTransportError,
  GRAPH_PERMISSIONS,
} from "../graph";
import { causeLine } from "../engine/cause-line";
import { reportFailure } from "./failure";
import { type CommandSpec, parseFlags, printedHelp, requiredFlag } from "./flags";
import { type CommandIO, EXIT } from "./io";
import { outputTarget, writeOutput } from "./write-file";

const SPEC: CommandSpec = {
  usage: "npm run export-tenant -- --out FILE",
  about:
    "Every user of the tenant, all pages, with the fields npm run plan --existing-accounts reads. Exit 0 written, 1 Graph failed, 2 bad flags, output path or no Graph credentials.",
  flags: {
    out: {
      type: "string",
      value: "FILE",
      required: true,
      description: "where the tenant export is written (mode 0600)",
      example: "users.json",
    },
  },
  notes: [
    "Credentials: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (else ARM_*) or AZURE_FEDERATED_TOKEN_FILE; " +
      `GRAPH_ENDPOINT, AZURE_AUTHORITY_HOST. The identity needs ${GRAPH_PERMISSIONS.listUsers}.`,
  ],
  example:
    "npm run export-tenant -- --out users.json && npm run plan -- --stack-config stacks/Pulumi.prod.yaml --existing-accounts users.json",
};

export interface ExportTenantDeps {
  readonly io: CommandIO;
  /** The Graph client; default {@link graphApiFromEnv} on the command's environment. Tests pass one. */
  readonly graphApi?: (env: CommandIO["env"]) => GraphApi;
}

/**
 * `npm run export-tenant`: every user of the tenant, all pages, with the fields `npm run plan --existing-accounts`
 * reads, written to `--out` through a temporary file (0600: it holds logins) renamed over it. Prints the count,
 * never a value. Exit status: 0 written, 1 Graph failed, 2 bad flags, output path or no Graph credentials.
 */
export async function runExportTenantCommand(
  argv: readonly string[],
  deps: ExportTenantDeps,
): Promise<number> {
  const { io } = deps;
  try {
    const values = parseFlags(argv, SPEC);
    if (printedHelp(values, SPEC, io)) return EXIT.ok;
    const out = requiredFlag(values, SPEC, "out", "where to write the export");
    const target = outputTarget("out", out);
    const api = (deps.graphApi ?? graphApiFromEnv)(io.env);
    const users = await api.listUsers();
    writeOutput(target, `${JSON.stringify(users, null, 2)}\n`);
    io.stdout(`Exported ${users.length} ${users.length === 1 ? "user" : "users"} to ${out}.`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 403) {
      io.stderr(
        `${error.message}: grant the read identity the application permission ${GRAPH_PERMISSIONS.listUsers} (admin consent).`,
      );
      return EXIT.failed;
    }
    return reportFailure(error, io, {
      usage: [GraphCredentialsError],
      failed: [GraphRequestError, GraphTransportError, GraphPayloadError],
      otherwise: (cause) => `Export failed: ${causeLine(cause)}`,
    });
  }
}
