import path from "node:path";
import { processIO } from "../src/cli/io";
import { runPlanCommand } from "../src/cli/plan-command";
import { loadSampleCompany, startSandbox } from "../src/sandbox";

/**
 * `npm start`: the product on its embedded default — a Personio sandbox with the sample company on a free
 * loopback port, the offline plan of stacks/Pulumi.demo.yaml against it, then the sandbox stops.
 */
async function main(): Promise<number> {
  const sandbox = await startSandbox({ employees: loadSampleCompany() });
  try {
    console.error(`Personio sandbox with the sample company at ${sandbox.baseUrl}\n`);
    return await runPlanCommand(
      ["--stack-config", path.join(__dirname, "..", "stacks", "Pulumi.demo.yaml"), ...process.argv.slice(2)],
      processIO({
        PERSONIO_BASE_URL: sandbox.baseUrl,
        PERSONIO_CLIENT_ID: sandbox.credentials.clientId,
        PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret,
      }),
    );
  } finally {
    await sandbox.close();
  }
}

main().then((code) => {
  process.exitCode = code;
});
