import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type CommandIO, processIO } from "../src/cli/io";
import { runPlanCommand } from "../src/cli/plan-command";
import { START_SPEC, startFlags } from "../src/cli/start-flags";
import {
  exportTenant,
  loadSampleCompany,
  startGraphEmulator,
  startSandbox,
  tenantFromCompany,
} from "../src/sandbox";

/** The emulated tenant's fixed identity: a demo, not a secret. */
const GRAPH_APP = {
  tenantId: "00000000-0000-4000-8000-00000000c0de",
  clientId: "graph-sandbox-client",
  clientSecret: "graph-sandbox-secret",
};

/**
 * `npm start`: the product on its embedded default — a Personio sandbox with the sample company and a Graph
 * emulator with a tenant of the same company, both on free loopback ports; the tenant is exported as an operator
 * would (`GET /users`) and the offline plan of stacks/Pulumi.demo.yaml runs against both, Graph counts included;
 * then everything stops. `COLUMNS` reaches the plan, the sandbox's credentials replace the rest of the environment.
 */
export async function start(argv: readonly string[], io: CommandIO): Promise<number> {
  const done = startFlags(argv, io);
  if (done !== undefined) return done;
  const employees = loadSampleCompany();
  const sandbox = await startSandbox({ employees });
  const graph = await startGraphEmulator({ ...GRAPH_APP, users: tenantFromCompany(employees) });
  const dir = mkdtempSync(path.join(tmpdir(), "personio-azuread-start-"));
  try {
    const users = path.join(dir, "users.json");
    writeFileSync(users, JSON.stringify(await exportTenant(graph, GRAPH_APP)));
    io.stderr(`Personio sandbox with the sample company at ${sandbox.baseUrl}`);
    io.stderr(`Graph emulator with ${graph.state.users.length} accounts at ${graph.url}\n`);
    return await runPlanCommand(
      [
        "--stack-config",
        path.join(__dirname, "..", "stacks", "Pulumi.demo.yaml"),
        "--existing-accounts",
        users,
        ...argv,
      ],
      {
        ...io,
        env: {
          COLUMNS: io.env["COLUMNS"],
          PERSONIO_BASE_URL: sandbox.baseUrl,
          PERSONIO_CLIENT_ID: sandbox.credentials.clientId,
          PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret,
        },
      },
      START_SPEC,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([sandbox.close(), graph.close()]);
  }
}

if (require.main === module) {
  void start(process.argv.slice(2), processIO()).then((code) => {
    process.exitCode = code;
  });
}
