import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseStackConfig, readStackFile } from "../src/config";
import { PersonioClient } from "../src/personio";
import { requiredAttributes } from "../src/config/required-attributes";
import { generateCompany } from "../src/sandbox";
import { peakRssMb, runIsolated, startServer } from "./child";

const LATENCY_MS = 50;
const SIZES = [1_000, 10_000];
const SCENARIOS: readonly (readonly [boolean, Projection])[] = [
  [true, "demo"],
  [false, "demo"],
  [false, "all"],
];

function demoAttributes(): string[] {
  const stack = readStackFile(path.join(__dirname, "..", "stacks", "Pulumi.demo.yaml"));
  return requiredAttributes(parseStackConfig(stack.values));
}

/** What the demo stack asks for (`requiredAttributes`), or every attribute. */
type Projection = "demo" | "all";

interface Result {
  readonly employees: number;
  readonly pacing: boolean;
  readonly projection: Projection;
  /** The first listing of a fresh process: module loading, JIT and new connections included. */
  readonly coldMs: number;
  /** A second listing with a new client (auth again) once the rate windows have passed. */
  readonly warmMs: number;
  readonly requests: number;
  readonly peakRssMb: number;
}

/**
 * The least wall time Personio's limits allow, for any client: auth, then the first page (it tells the total),
 * then the other pages, of which at most 15 may reach the server in any second; each takes one latency.
 */
export function pacingFloorMs(pages: number, latencyMs: number): number {
  if (pages <= 1) return 2 * latencyMs;
  const lastStart = Math.max(2 * latencyMs, latencyMs + Math.floor((pages - 1) / 15) * 1000);
  return lastStart + latencyMs;
}

/** Lists `employees` from a sandbox at `baseUrl`, cold and then warm, in this process. */
async function measure(
  baseUrl: string,
  employees: number,
  pacing: boolean,
  projection: Projection,
): Promise<Result> {
  let requests = 0;
  const attributes = projection === "demo" ? demoAttributes() : undefined;
  const listOnce = async (): Promise<number> => {
    requests = 0;
    const client = new PersonioClient({
      baseUrl,
      clientId: "sandbox-client",
      clientSecret: "sandbox-secret",
      appId: "PERSONIO_AZUREAD_BENCH",
      rateLimit: pacing ? undefined : false,
      onRequest: () => requests++,
    });
    const started = performance.now();
    const listed = await client.listEmployees({ attributes });
    if (listed.length !== employees) throw new Error(`listed ${listed.length}, expected ${employees}`);
    return Math.round(performance.now() - started);
  };
  const coldMs = await listOnce();
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const warmMs = await listOnce();
  return { employees, pacing, projection, coldMs, warmMs, requests, peakRssMb: peakRssMb() };
}

export async function run(): Promise<void> {
  console.log(`Personio client: listing from the sandbox with ${LATENCY_MS} ms latency per request`);
  console.log(
    "employees  pacing  attributes  cold ms  warm ms  requests  floor ms  ratio (warm)  peak RSS MB",
  );
  for (const employees of SIZES) {
    const file = path.join(tmpdir(), `personio-bench-${employees}.json`);
    writeFileSync(file, JSON.stringify({ data: generateCompany(employees, 7) }));
    const server = await startServer("scripts/sandbox.ts", ["--data", file, "--latency", String(LATENCY_MS)]);
    try {
      for (const [pacing, projection] of SCENARIOS) {
        const args = ["--measure", server.firstLine, String(employees), String(pacing), projection];
        const result = JSON.parse(await runIsolated("bench/personio.bench.ts", args)) as Result;
        const floor = pacingFloorMs(Math.ceil(employees / 100), LATENCY_MS);
        console.log(
          [
            String(employees).padStart(9),
            (pacing ? "on" : "off").padStart(6),
            (projection === "demo" ? `${demoAttributes().length} keys` : "all").padStart(10),
            String(result.coldMs).padStart(7),
            String(result.warmMs).padStart(7),
            String(result.requests).padStart(8),
            (pacing ? String(floor) : "-").padStart(8),
            (pacing ? (result.warmMs / floor).toFixed(2) : "-").padStart(12),
            String(result.peakRssMb).padStart(11),
          ].join("  "),
        );
      }
    } finally {
      await server.stop();
    }
  }
}

if (require.main === module) {
  const [flag, baseUrl, employees, pacing, projection] = process.argv.slice(2);
  const work =
    flag === "--measure"
      ? measure(baseUrl as string, Number(employees), pacing === "true", projection as Projection).then((r) =>
          console.log(JSON.stringify(r)),
        )
      : run();
  work.catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
