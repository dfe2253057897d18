import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

/**
 * Runs a TypeScript file in a fresh Node process (so its peak RSS is its own) and returns its last stdout line;
 * `onSpawn` gets the process id (of tsx, whose child runs the file), e.g. to watch its memory from outside;
 * `nodeArgs` go to Node (tsx passes them on), e.g. the program's own (bench/node-args.ts).
 */
export async function runIsolated(
  file: string,
  args: readonly string[],
  timeoutMs?: number,
  onSpawn?: (pid: number) => void,
  nodeArgs: readonly string[] = [],
): Promise<string> {
  const child = spawn(TSX, [...nodeArgs, path.join(ROOT, file), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    ...(timeoutMs === undefined ? {} : { timeout: timeoutMs, killSignal: "SIGKILL" as const }),
  });
  if (child.pid !== undefined) onSpawn?.(child.pid);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  let last = "";
  for await (const line of createInterface({ input: child.stdout })) last = line;
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) {
    const oom = /heap out of memory|Allocation failed/.test(stderr) ? " (JavaScript heap out of memory)" : "";
    const cause = code === null ? `killed after ${timeoutMs} ms` : `exited with ${code}${oom}`;
    throw new Error(`${file} ${args.join(" ")} ${cause}`);
  }
  return last;
}

/** A long-running child whose first stdout line is its address (the sandbox), stopped with SIGTERM. */
export async function startServer(
  file: string,
  args: readonly string[],
): Promise<{ firstLine: string; stop: () => Promise<void> }> {
  const child = spawn(TSX, [path.join(ROOT, file), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("close", (code) =>
      reject(new Error(`${file} exited with ${code} before printing its address`)),
    );
  });
  lines.on("line", () => undefined);
  const stop = async (): Promise<void> => {
    const closed = new Promise((resolve) => child.once("close", resolve));
    child.kill("SIGTERM");
    await closed;
  };
  return { firstLine, stop };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
