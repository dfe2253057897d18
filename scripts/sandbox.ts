import {
  CliError,
  CompanyFileError,
  generateCompany,
  loadCompanyFile,
  loadSampleCompany,
  parseSandboxArgs,
  SANDBOX_USAGE,
  startSandbox,
} from "../src/sandbox";

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
  });
  console.log(sandbox.baseUrl);
  console.log(`PERSONIO_CLIENT_ID=${sandbox.credentials.clientId}`);
  console.log(`PERSONIO_CLIENT_SECRET=${sandbox.credentials.clientSecret}`);
  console.error(`Personio sandbox: ${employees.length} employees at ${sandbox.baseUrl}; Ctrl-C stops it.`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await sandbox.close();
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
