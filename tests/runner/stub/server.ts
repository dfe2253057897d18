import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";

/**
 * The logic of the stub `pulumi` (bin/pulumi), served from the test's own process: the script forwards each call's
 * argv and environment here and prints the answer. A bash start costs ~2 ms where a node start costs ~85 ms, and
 * one cycle makes some 30 CLI calls.
 *
 * It answers `version` with 3.205.0 (the last version whose engine events go to an --event-log file rather than
 * a gRPC stream), replays recorded engine events for preview/up/refresh, and logs every invocation.
 *
 * Environment of the call: STUB_PULUMI_SCENARIO — a JSON file { "<command>": Step | Step[] } where <command> is
 * "preview", "up", "refresh", "stack output" …; a list is consumed one entry per call (the last repeats).
 * STUB_PULUMI_LOG — a file to which each invocation's argv is appended as one JSON line.
 * STUB_PULUMI_SNAPSHOTS — a file to which each invocation that was handed a Personio snapshot
 * (PERSONIO_AZUREAD_SNAPSHOT) appends { command, path, mode, employees, today } as one JSON line, and for a
 * shard's operation (PERSONIO_AZUREAD_SHARD set) also { stack, shard }.
 * Per stack: a key "<command>@<stack>" (e.g. "up@prod-2") answers for that stack (--stack) before "<command>".
 */
export interface Step {
  readonly events?: Record<string, unknown>[];
  readonly exitCode?: number;
  readonly stderr?: string;
  readonly stdout?: string;
  readonly delayMs?: number;
}

/** The variables bin/pulumi forwards, in its order: each is sent as "1<value>" when set, "" when not. */
const FORWARDED = [
  "STUB_PULUMI_SCENARIO",
  "STUB_PULUMI_LOG",
  "STUB_PULUMI_SNAPSHOTS",
  "PERSONIO_AZUREAD_SNAPSHOT",
  "PERSONIO_AZUREAD_SHARD",
] as const;
type Env = Partial<Record<(typeof FORWARDED)[number], string>>;

export interface StubServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the stub's server on a free local port; `close` also drops the answers still waiting on a delay. */
export async function startStubPulumi(): Promise<StubServer> {
  const delays = new Set<NodeJS.Timeout>();
  const server = createServer((socket) => serve(socket, delays));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    port,
    close: () => {
      for (const delay of delays) clearTimeout(delay);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function serve(socket: Socket, delays: Set<NodeJS.Timeout>): void {
  let buffer = Buffer.alloc(0);
  socket.on("error", () => undefined);
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    const fields = buffer.toString("utf8").split("\0");
    const argc = Number(fields[0]);
    if (fields.length - 1 < 1 + argc + FORWARDED.length) return;
    socket.removeAllListeners("data");
    const argv = fields.slice(1, 1 + argc);
    const env: Env = {};
    FORWARDED.forEach((name, i) => {
      const field = fields[1 + argc + i] ?? "";
      if (field.startsWith("1")) env[name] = field.slice(1);
    });
    const step = answer(argv, env);
    const reply = () => {
      delays.delete(delay);
      socket.end(`${step.stdout ?? ""}\0${step.stderr ?? ""}\0${step.exitCode ?? 0}\0`);
    };
    const delay = setTimeout(reply, step.delayMs ?? 0);
    delays.add(delay);
    // A cancelled call (the script trapped a signal and exited) gets no answer, and holds no timer.
    socket.on("close", () => {
      clearTimeout(delay);
      delays.delete(delay);
    });
  });
}

function answer(argv: string[], env: Env): Step {
  if (env.STUB_PULUMI_LOG) appendFileSync(env.STUB_PULUMI_LOG, JSON.stringify(argv) + "\n");
  if (argv[0] === "version") return { stdout: "v3.205.0\n" };

  const scenarioFile = env.STUB_PULUMI_SCENARIO;
  const scenario = (scenarioFile ? JSON.parse(readFileSync(scenarioFile, "utf8")) : {}) as Record<
    string,
    Step | Step[] | undefined
  >;
  const command =
    (argv[0] === "stack" || argv[0] === "config") && argv[1] && !argv[1].startsWith("--")
      ? `${argv[0]} ${argv[1]}`
      : (argv[0] ?? "");
  const stackIndex = argv.indexOf("--stack");
  const stackName = stackIndex >= 0 ? argv[stackIndex + 1] : undefined;
  const snapshotFile = env.PERSONIO_AZUREAD_SNAPSHOT;
  if (snapshotFile && env.STUB_PULUMI_SNAPSHOTS) {
    const seen: Record<string, unknown> = { command, path: snapshotFile };
    if (env.PERSONIO_AZUREAD_SHARD)
      Object.assign(seen, { stack: stackName, shard: env.PERSONIO_AZUREAD_SHARD });
    try {
      const snapshot = JSON.parse(readFileSync(snapshotFile, "utf8")) as {
        employees: unknown[];
        today: unknown;
      };
      Object.assign(seen, {
        mode: statSync(snapshotFile).mode & 0o777,
        employees: snapshot.employees.length,
        today: snapshot.today,
      });
    } catch (error) {
      seen["error"] = (error as NodeJS.ErrnoException).code || String(error);
    }
    appendFileSync(env.STUB_PULUMI_SNAPSHOTS, JSON.stringify(seen) + "\n");
  }
  const perStack = stackName === undefined ? undefined : `${command}@${stackName}`;
  const step =
    perStack !== undefined && scenario[perStack] !== undefined
      ? nextStep(scenario, scenarioFile, perStack)
      : nextStep(scenario, scenarioFile, command);

  const eventLogIndex = argv.indexOf("--event-log");
  const eventLog = eventLogIndex >= 0 ? argv[eventLogIndex + 1] : undefined;
  if (eventLog) {
    const events = (step.events ?? []).map((event, i) => ({
      sequence: i,
      timestamp: 1764150000 + i,
      ...event,
    }));
    writeFileSync(eventLog, events.map((e) => JSON.stringify(e)).join("\n") + (events.length ? "\n" : ""));
  }
  return step;
}

function nextStep(
  scenario: Record<string, Step | Step[] | undefined>,
  scenarioFile: string | undefined,
  name: string,
): Step {
  const entry = scenario[name];
  if (entry === undefined) return defaults(name);
  if (!Array.isArray(entry)) return entry;
  const counterFile = `${scenarioFile}.${name.replace(/\W/g, "_")}.count`;
  const count = existsSync(counterFile) ? Number(readFileSync(counterFile, "utf8")) : 0;
  writeFileSync(counterFile, String(count + 1));
  return entry[Math.min(count, entry.length - 1)] ?? {};
}

function defaults(name: string): Step {
  if (name === "stack output") return { stdout: "{}" };
  if (name === "stack history") return { stdout: "[]" };
  if (name === "whoami") return { stdout: "stub-user\n" };
  if (name === "config") return { stdout: "{}" };
  return {};
}
