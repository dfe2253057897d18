import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getHeapStatistics } from "node:v8";
import * as pulumi from "@pulumi/pulumi";
import { generateCompany, type PersonioEmployeeItem } from "../src/sandbox";
import { peakRssMb, runIsolated, startServer } from "./child";
import { SAMPLE_CONFIG } from "../tests/fixtures/stack-config";

const USERS = 10_000;
const GROUPS = 200;
/** A child that has not finished by then reports what it has, and stops. */
const TIMEOUT_MS = 8 * 60_000;
/** The custom attribute the rules read: "Squad 0" … "Squad 199", spread evenly. */
const SQUAD = "dynamic_90001";

/**
 * `baseline`: users only. `created`: one prefix rule, 200 groups this stack creates, members as each group's
 * list (one resource per group). `existing`: 200 rules naming 200 existing groups, one GroupMember per member.
 */
type Scenario = "baseline" | "created" | "existing";
const SCENARIOS: readonly Scenario[] = ["baseline", "created", "existing"];

interface Result {
  readonly scenario: Scenario;
  readonly stackTraceLimit: "default" | "0";
  readonly finished: boolean;
  /** Personio listing (paced at 15 requests/s: 100 pages) and the tenant read, until rendering starts. */
  readonly personioMs: number;
  /** From the end of the Personio listing until every registration is answered (or the timeout). */
  readonly declareMs: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
  readonly resources: Record<string, number>;
  readonly warnings: number;
  /** V8's heap limit in this process (`--max-old-space-size` in NODE_OPTIONS raises it). */
  readonly heapLimitMb: number;
}

/** The same company as bench/personio.bench.ts, plus a squad attribute giving 200 groups of about 50. */
function company(): PersonioEmployeeItem[] {
  return generateCompany(USERS, 7).map((item) => {
    const id = Number(item.attributes["id"]?.value);
    const squad = { label: "Squad", value: `Squad ${id % GROUPS}`, type: "standard", universal_id: null };
    return { ...item, attributes: { ...item.attributes, [SQUAD]: squad } };
  });
}

function groupId(index: number): string {
  return `0a1b2c3d-0000-4000-8000-${String(index).padStart(12, "0")}`;
}

function rules(scenario: Scenario): unknown[] {
  if (scenario === "baseline") return [];
  if (scenario === "created") return [{ attribute: SQUAD, groupPrefix: "squad-" }];
  return Array.from({ length: GROUPS }, (_, i) => ({
    attribute: SQUAD,
    value: `Squad ${i}`,
    existingGroup: `Squad ${i}`,
  }));
}

/** One measurement in this (fresh) process: the program under mocks against the sandbox at `baseUrl`. */
async function measure(baseUrl: string, scenario: Scenario, stackTraceLimit: Result["stackTraceLimit"]) {
  // The whole process, not only the declarations: under mocks nearly everything after Personio is declaration.
  if (stackTraceLimit === "0") Error.stackTraceLimit = 0;
  // The program's warnings (suffixed UPNs of a generated company) would flood the table; they are counted.
  let warnings = 0;
  console.warn = () => {
    warnings++;
  };
  const resources: Record<string, number> = {};
  let listed = 0;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        resources[args.type] = (resources[args.type] ?? 0) + 1;
        return { id: args.id || `${args.name}-id`, state: { ...args.inputs, objectId: `obj-${args.name}` } };
      },
      call: (args) => {
        if (args.token === "azuread:index/getUsers:getUsers") {
          listed = performance.now();
          return { users: [] };
        }
        if (args.token === "azuread:index/getGroups:getGroups") {
          const ids = Array.from({ length: GROUPS }, (_, i) => groupId(i));
          return { displayNames: ids.map((_, i) => `Squad ${i}`), objectIds: ids };
        }
        if (args.token === "azuread:index/getGroup:getGroup") {
          const index = Number(String(args.inputs["objectId"]).slice(-12));
          return { objectId: args.inputs["objectId"], displayName: `Squad ${index}`, members: [], types: [] };
        }
        return args.inputs;
      },
    },
    "personio-azuread",
    "bench",
    false,
  );
  // Imported after the mocks are in place, as a Pulumi program is.
  const { runProgram } = await import("../src/program");
  const started = performance.now();
  const report = (finished: boolean): Result => {
    const now = performance.now();
    const personioMs = listed === 0 ? Math.round(now - started) : Math.round(listed - started);
    return {
      scenario,
      stackTraceLimit,
      finished,
      personioMs,
      declareMs: listed === 0 ? 0 : Math.round(now - listed),
      wallMs: Math.round(now - started),
      peakRssMb: peakRssMb(),
      resources: { ...resources },
      warnings,
      heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
    };
  };
  setTimeout(() => {
    console.log(JSON.stringify(report(false)));
    process.exit(0);
  }, TIMEOUT_MS).unref();
  await runProgram({
    config: {
      personio: { baseUrl, clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_BENCH" },
      personioClientSecret: "sandbox-secret",
      ...SAMPLE_CONFIG,
      groups: rules(scenario),
    },
    env: {},
    now: new Date("2026-11-26T10:00:00Z"),
    newPassword: () => "Initial-Password-1!",
  });
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return report(true);
}

/** `npm run bench groups`: each scenario in a fresh process, with and without stack traces for promises. */
export async function run(): Promise<void> {
  const file = path.join(tmpdir(), `groups-bench-${USERS}.json`);
  writeFileSync(file, JSON.stringify({ data: company() }));
  const server = await startServer("scripts/sandbox.ts", ["--data", file]);
  console.log(
    `groups: the program under mocks, ${USERS.toLocaleString("en-US")} employees, ${GROUPS} groups; ` +
      `one fresh process each (timeout ${TIMEOUT_MS / 60_000} min)`,
  );
  console.log(
    "scenario   stackTraceLimit  finished  Personio ms  declare ms  wall ms  peak RSS MB  heap limit MB  resources",
  );
  try {
    for (const stackTraceLimit of ["0", "default"] as const) {
      for (const scenario of SCENARIOS) {
        const started = performance.now();
        let line: string;
        try {
          const args = ["--measure", server.firstLine, scenario, stackTraceLimit];
          // The child reports itself at TIMEOUT_MS; the kill is only for a child that cannot even do that.
          const result = JSON.parse(
            await runIsolated("bench/groups.bench.ts", args, TIMEOUT_MS + 60_000),
          ) as Result;
          line = row(result);
        } catch (error) {
          const seconds = Math.round((performance.now() - started) / 1000);
          line = `${scenario.padEnd(9)}  ${stackTraceLimit.padStart(15)}  failed after ${seconds} s: ${(error as Error).message}`;
        }
        console.log(line);
      }
    }
  } finally {
    await server.stop();
  }
}

function row(result: Result): string {
  const resources = Object.entries(result.resources)
    .map(([type, count]) => `${type.replace(/^azuread:index\/\w+:/, "")} ${count}`)
    .join(", ");
  return [
    result.scenario.padEnd(9),
    result.stackTraceLimit.padStart(15),
    (result.finished ? "yes" : "NO").padStart(8),
    String(result.personioMs).padStart(11),
    String(result.declareMs).padStart(10),
    String(result.wallMs).padStart(7),
    String(result.peakRssMb).padStart(11),
    String(result.heapLimitMb).padStart(13),
    ` ${resources}`,
  ].join("  ");
}

if (require.main === module) {
  const [flag, baseUrl, scenario, stackTraceLimit] = process.argv.slice(2);
  const work =
    flag === "--measure"
      ? measure(baseUrl as string, scenario as Scenario, stackTraceLimit as Result["stackTraceLimit"]).then(
          (result) => {
            console.log(JSON.stringify(result));
            // Skip the SDK's exit-time walk over everything still referenced: the number is taken.
            process.exit(0);
          },
        )
      : run();
  work.catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
