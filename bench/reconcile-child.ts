import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { SAMPLE_CONFIG } from "../tests/fixtures/stack-config";
import { startStubPulumi } from "../tests/runner/stub/server";

const ROOT = path.resolve(__dirname, "..");
/** The stub `pulumi` of the runner tests: replays a scenario file (served from this process), so no real CLI is needed. */
const STUB = path.join(ROOT, "tests", "runner", "stub");

/**
 * A stub scenario whose stack config points Personio at `baseUrl`; `steps` script other commands (`preview`,
 * `up` …, as the stub reads them), the rest get the stub's defaults.
 */
export async function stubWorld(
  baseUrl: string,
  credentials = { clientId: "bench-client", clientSecret: "bench-secret" },
  steps: Record<string, unknown> = {},
): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-stub-pulumi-"));
  const entry = (value: unknown) => ({ value: JSON.stringify(value), secret: false });
  const scenario = {
    config: {
      stdout: JSON.stringify({
        "azuread:tenantId": { value: "00000000-0000-0000-0000-000000000000", secret: false },
        "personio-azuread:personio": entry({
          clientId: credentials.clientId,
          appId: "PERSONIO_AZUREAD_BENCH",
        }),
        "personio-azuread:loginSchema": entry(SAMPLE_CONFIG.loginSchema),
        "personio-azuread:timezone": { value: SAMPLE_CONFIG.timezone, secret: false },
        "personio-azuread:personioClientSecret": { value: "[secret]", secret: true },
      }),
    },
    "config get": { stdout: JSON.stringify({ value: credentials.clientSecret, secret: true }) },
    ...steps,
  };
  writeFileSync(path.join(dir, "scenario.json"), JSON.stringify(scenario));
  const server = await startStubPulumi();
  return {
    env: {
      STUB_PULUMI_SCENARIO: path.join(dir, "scenario.json"),
      STUB_PULUMI_PORT: String(server.port),
      PERSONIO_BASE_URL: baseUrl,
    },
    dispose: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A `reconcile` child: its JSON log lines as they come, a way to signal it, and its end. */
export interface ReconcileChild {
  /** Resolves with the first log line whose `event` is this. */
  readonly line: (event: string) => Promise<Record<string, unknown>>;
  /** Every log line so far whose `event` is this, in order. */
  readonly lines: (event: string) => Record<string, unknown>[];
  readonly kill: (signal: NodeJS.Signals) => void;
  /** Resolves with the exit code and `performance.now()` at exit. */
  readonly exited: Promise<{ code: number | null; at: number }>;
}

/**
 * Starts `npm run reconcile -- --once --log-format json …` against the stub CLI (without `--once` when `once` is
 * false: the loop): node itself with tsx's loader, not the tsx wrapper, so a signal reaches the runner.
 * SIGKILLed after `killAfterMs` whatever happens.
 */
export function startReconcile(
  env: Record<string, string>,
  args: readonly string[],
  killAfterMs: number,
  once = true,
): ReconcileChild {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(ROOT, "scripts", "reconcile.ts"),
      ...["--stack", "prod", ...(once ? ["--once"] : []), "--log-format", "json"],
      ...["--cwd", ROOT, "--pulumi-root", STUB],
      ...["--refresh-every", "never", ...args],
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", process.env["BENCH_DEBUG"] ? "inherit" : "ignore"],
      env: { ...process.env, ...env },
    },
  );
  const killer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  const seen: Record<string, unknown>[] = [];
  const waiting: { event: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout }).on("line", (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    seen.push(line);
    for (const w of waiting.filter((w) => w.event === line["event"])) w.resolve(line);
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, at: performance.now() });
    }),
  );
  return {
    line: (event) =>
      new Promise((resolve) => {
        const found = seen.find((l) => l["event"] === event);
        if (found !== undefined) resolve(found);
        else waiting.push({ event, resolve });
      }),
    lines: (event) => seen.filter((l) => l["event"] === event),
    kill: (signal) => child.kill(signal),
    exited,
  };
}
