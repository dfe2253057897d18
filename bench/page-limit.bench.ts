import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PersonioClient } from "../src/personio";
import { generateCompany } from "../src/sandbox";
import { peakRssMb, runIsolated } from "./child";

const PAGE_BYTES = 700 * 1024 * 1024;
const MB = 1024 * 1024;
/**
 * 1 MB (about the process's baseline), the default, and the most the client accepts: the limit cannot be
 * switched off, so 256 MB stands in for "off".
 */
const LIMITS = [1 * MB, 64 * MB, 256 * MB];

/**
 * A Personio whose employees page is `PAGE_BYTES` of valid-looking JSON, generated while it streams (never held
 * in memory) with backpressure; `sent()` is how many body bytes the last page got out before the client hung up.
 */
async function hugePage(): Promise<{ url: string; sent: () => number; close: () => Promise<void> }> {
  const item = JSON.stringify(generateCompany(1, 7)[0]);
  const chunk = Buffer.from(`${item},`.repeat(Math.ceil((64 * 1024) / (item.length + 1))));
  let sent = 0;
  const server = createServer((request, response) => {
    response.setHeader("Content-Type", "application/json");
    if (request.url === "/v1/auth") {
      return void response.end(JSON.stringify({ success: true, data: { token: "t", expires_in: 86_400 } }));
    }
    const head = Buffer.from(
      '{"success":true,"metadata":{"total_elements":100},"offset":0,"limit":100,"data":[',
    );
    sent = 0;
    const write = (buffer: Buffer): boolean => {
      sent += buffer.length;
      return response.write(buffer);
    };
    write(head);
    const pump = (): void => {
      while (!response.destroyed && sent + chunk.length < PAGE_BYTES) if (!write(chunk)) return;
      if (!response.destroyed) response.end(`${item}]}`);
    };
    response.on("drain", pump);
    response.on("close", () => response.off("drain", pump));
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent: () => sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Result {
  readonly error: string;
  readonly ms: number;
  readonly peakRssMb: number;
}

/** In the child: one listing with this limit; its error line and the process's peak RSS. */
async function measure(baseUrl: string, maxResponseBytes: number): Promise<Result> {
  const client = new PersonioClient({
    baseUrl,
    clientId: "bench",
    clientSecret: "bench",
    appId: "PERSONIO_AZUREAD_BENCH",
    rateLimit: false,
    maxResponseBytes,
  });
  const started = performance.now();
  let error = "(listed)";
  try {
    await client.listEmployees();
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return { error, ms: Math.round(performance.now() - started), peakRssMb: peakRssMb() };
}

/**
 * Issue 21: a huge answer must not exhaust memory. A 700 MB employees page against the client's
 * `maxResponseBytes`: bytes the server got out before the client hung up (what the client read plus socket
 * buffers), the error line, and the client process's peak RSS.
 */
export async function run(): Promise<void> {
  const server = await hugePage();
  try {
    console.log(`Personio page of ${PAGE_BYTES / MB} MB, streamed; client in a fresh process`);
    console.log("limit (maxResponseBytes)  sent before cut-off  time ms  peak RSS MB");
    const errors: string[] = [];
    for (const limit of LIMITS) {
      const result = JSON.parse(
        await runIsolated("bench/page-limit.bench.ts", ["--measure", server.url, String(limit)], 60_000),
      ) as Result;
      errors.push(result.error);
      console.log(
        [
          `${limit / MB} MB`.padStart(24),
          `${(server.sent() / MB).toFixed(1)} MB`.padStart(19),
          String(result.ms).padStart(7),
          String(result.peakRssMb).padStart(11),
        ].join("  "),
      );
    }
    for (const error of errors) console.log(`  error: ${error}`);
  } finally {
    await server.close();
  }
}

if (require.main === module) {
  const [flag, baseUrl, limit] = process.argv.slice(2);
  const work =
    flag === "--measure"
      ? measure(baseUrl as string, Number(limit)).then((r) => console.log(JSON.stringify(r)))
      : run();
  work.catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
