import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ReconcileDeps, runReconcileCommand } from "../../src/cli/reconcile-command";
import { openStack } from "../../src/engine/stack-ops";
import { loadSampleCompany, type Sandbox, startSandbox } from "../../src/sandbox";
import { type Clock, systemClock } from "../../src/util/clock";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { startStubPulumi, type StubServer } from "./stub/server";
import { FAST_RETRY } from "../personio/harness";

/**
 * The real Automation API code (LocalWorkspace, Stack, event-log tailing, error classification) against a
 * stub `pulumi` that replays engine events, and the Personio sandbox for the cycle's listing: what can be
 * tested of the runner without the real CLI. Call {@link useStubWorld} at the top of a test file.
 */
export const ROOT = path.resolve(__dirname, "../..");
export const STUB = path.join(__dirname, "stub");
export const COUNTS = {
  employees: 100,
  managed: 60,
  enabled: 58,
  disabled: 2,
  adopted: 0,
  created: 60,
  skipped: 40,
};

export let dir: string;
export let sandbox: Sandbox;
export const EMPLOYEES = loadSampleCompany({ today: "2026-11-26" });
/** Serves the stub `pulumi`'s answers for the file (bin/pulumi forwards each call to STUB_PULUMI_PORT). */
export function useStubPulumi(): void {
  let server: StubServer;
  beforeAll(async () => {
    server = await startStubPulumi();
    process.env["STUB_PULUMI_PORT"] = String(server.port);
  });
  afterAll(async () => {
    delete process.env["STUB_PULUMI_PORT"];
    await server.close();
  });
}

/** Starts the sandbox and the stub for the file and gives every test a fresh stub scenario, call log and snapshot log. */
export function useStubWorld(): void {
  useStubPulumi();
  beforeAll(async () => {
    sandbox = await startSandbox({ employees: EMPLOYEES });
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "stub-pulumi-"));
    process.env["STUB_PULUMI_SCENARIO"] = path.join(dir, "scenario.json");
    process.env["STUB_PULUMI_LOG"] = path.join(dir, "calls.log");
    process.env["STUB_PULUMI_SNAPSHOTS"] = path.join(dir, "snapshots.log");
    sandbox.setFaults({});
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env["STUB_PULUMI_SCENARIO"];
    delete process.env["STUB_PULUMI_LOG"];
    delete process.env["STUB_PULUMI_SNAPSHOTS"];
  });
}

/** The stack's config as `pulumi config --json` prints it: the Personio secret encrypted, shown only by `config get`. */
export function stackConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const entry = (value: unknown) => ({ value: JSON.stringify(value), secret: false });
  return {
    config: {
      stdout: JSON.stringify({
        "azuread:tenantId": { value: "00000000-0000-0000-0000-000000000000", secret: false },
        "personio-azuread:personio": entry({
          clientId: sandbox.credentials.clientId,
          appId: "PERSONIO_AZUREAD_TEST",
        }),
        "personio-azuread:loginSchema": entry(SAMPLE_CONFIG.loginSchema),
        "personio-azuread:timezone": { value: SAMPLE_CONFIG.timezone, secret: false },
        "personio-azuread:personioClientSecret": { value: "[secret]", secret: true },
        ...Object.fromEntries(
          Object.entries(extra).map(([key, value]) => [`personio-azuread:${key}`, entry(value)]),
        ),
      }),
    },
    "config get": { stdout: JSON.stringify({ value: sandbox.credentials.clientSecret, secret: true }) },
  };
}

/** The stub's answers for this test, over the default stack config (`config` adds `personio-azuread:*` keys). */
export function scenario(steps: Record<string, unknown>, config: Record<string, unknown> = {}): void {
  writeFileSync(path.join(dir, "scenario.json"), JSON.stringify({ ...stackConfig(config), ...steps }));
}

/** What the stub saw of the snapshot file each operation was handed. */
export function snapshotsSeen(): Record<string, unknown>[] {
  const file = path.join(dir, "snapshots.log");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The commands the stub was called with, first word(s) only. */
export function calls(): string[] {
  const file = path.join(dir, "calls.log");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string[])
    .map((argv) =>
      argv[0] === "stack" || (argv[0] === "config" && !(argv[1] ?? "--").startsWith("--"))
        ? `${argv[0]} ${argv[1]}`
        : (argv[0] as string),
    );
}

export function lastOutputs(employees: number) {
  return JSON.stringify({ counts: { ...COUNTS, employees } });
}

/**
 * What `runReconcileCommand` needs to run against the stub and the sandbox: the real `openStack`, system time,
 * no jitter, Personio at the sandbox. Lines go to `stdout`/`stderr`; `clock` and `stop` when a test drives them.
 */
export function reconcileDeps(options: {
  readonly stdout: (line: string) => void;
  readonly stderr?: (line: string) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  readonly stop?: AbortSignal;
}): ReconcileDeps {
  return {
    io: {
      stdout: options.stdout,
      stderr: options.stderr ?? options.stdout,
      env: options.env ?? { PERSONIO_BASE_URL: sandbox.baseUrl },
      now: () => new Date(),
    },
    openStack,
    clock: options.clock ?? systemClock,
    wallNow: () => Date.now(),
    random: () => 0,
    stop: options.stop ?? new AbortController().signal,
    personio: { retry: FAST_RETRY },
  };
}

/** `reconcile --once` against the stub and the sandbox; `onLine` sees each stdout line as it is written. */
export async function reconcileOnce(
  extra: string[] = [],
  stop?: AbortSignal,
  onLine: (line: string) => void = () => undefined,
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReconcileCommand(
    ["--stack", "prod", "--once", "--cwd", ROOT, "--pulumi-root", STUB, "--refresh-every", "never", ...extra],
    reconcileDeps({
      stdout: (t) => {
        out.push(t);
        onLine(t);
      },
      stderr: (t) => err.push(t),
      stop,
    }),
  );
  return { code, out, err };
}

/** Resolves once the stub has been called with `command`, polling its call log: a signal timed by events, not delays. */
export async function whenCalled(command: string): Promise<void> {
  while (!calls().includes(command)) await new Promise((resolve) => setTimeout(resolve, 20));
}
