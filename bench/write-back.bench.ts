import { PersonioClient, PERSONIO_RATE_WINDOWS, type RateWindow } from "../src/personio";
import { generateCompany, type PersonioEmployeeItem, startSandbox } from "../src/sandbox";
import { writeBack } from "../src/write-back";

const VALUES = 1_000;
const LATENCY_MS = 50;
const ATTRIBUTE = "dynamic_40001";

/**
 * The least wall time Personio's limits allow write-back, for any client: auth (not rate-limited), the attributes
 * check, then one PATCH per value, where request k starts no earlier than 1 s after request k-15 and 60 s after
 * request k-300 (15/s, 300/min, the check counting too); each request takes one latency.
 */
export function writeBackFloorMs(
  values: number,
  latencyMs: number,
  windows: readonly RateWindow[] = PERSONIO_RATE_WINDOWS,
): number {
  const starts: number[] = [latencyMs];
  for (let k = 1; k <= values; k++) {
    let start = 2 * latencyMs;
    for (const w of windows) {
      const before = starts[k - w.limit];
      if (before !== undefined) start = Math.max(start, before + w.windowMs);
    }
    starts.push(start);
  }
  return (starts.at(-1) as number) + latencyMs;
}

function company(): PersonioEmployeeItem[] {
  return generateCompany(VALUES, 7).map((item) => ({
    ...item,
    attributes: {
      ...item.attributes,
      [ATTRIBUTE]: { label: "Login", value: null, type: "standard", universal_id: null },
    },
  }));
}

/** `npm run bench -- write-back`: 1,000 values written to the sandbox under Personio's enforced limits. */
export async function run(): Promise<void> {
  const limits = { perSecond: 15, perMinute: 300 };
  const sandbox = await startSandbox({ employees: company(), latencyMs: LATENCY_MS });
  try {
    const options = {
      baseUrl: sandbox.baseUrl,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      appId: "PERSONIO_AZUREAD_BENCH",
    };
    const employees = await new PersonioClient(options).listEmployees({ attributes: [ATTRIBUTE] });
    const upns = new Map(employees.map((e) => [String(e.id), `user${e.id}@contoso.com`]));
    // A new fault plan starts the sandbox's rate windows afresh: the listing above does not count.
    sandbox.setFaults({ enforceRateLimit: limits });
    sandbox.clearRequests();
    let attempts = 0;
    const client = new PersonioClient({ ...options, onRequest: () => attempts++ });
    console.log(
      `Write-back: ${VALUES} values to the sandbox (${LATENCY_MS} ms latency, Personio's limits enforced: ` +
        `${limits.perSecond}/s, ${limits.perMinute}/min)`,
    );
    const started = performance.now();
    const result = await writeBack({
      employees,
      upns,
      attribute: ATTRIBUTE,
      client,
      log: () => undefined,
    });
    const ms = Math.round(performance.now() - started);
    const throttled = sandbox.requests.filter((r) => r.status === 429).length;
    const floor = writeBackFloorMs(VALUES, LATENCY_MS);
    console.log("values  written  failed  requests  429s  time ms  floor ms  ratio");
    console.log(
      [
        String(result.planned).padStart(6),
        String(result.written).padStart(7),
        String(result.failed.length).padStart(6),
        String(attempts).padStart(8),
        String(throttled).padStart(4),
        String(ms).padStart(7),
        String(floor).padStart(8),
        (ms / floor).toFixed(2).padStart(5),
      ].join("  "),
    );
  } finally {
    await sandbox.close();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
