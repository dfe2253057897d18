import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateCompany } from "../src/sandbox";
import { takeSnapshot } from "../src/runner/take-snapshot";
import { writeSnapshot } from "../src/snapshot";
import { runIsolated, startServer } from "./child";
import { programNodeArgs } from "./node-args";
import { BENCH_CONFIG } from "./program-config";

const SIZES = [1_000, 5_000, 10_000];
/** The program's Node arguments from Pulumi.yaml, read once for every process this bench starts. */
const NODE_ARGS = programNodeArgs();
/** Bare registration at 10,000 runs out of the default heap after about two minutes: bounded, then reported. */
const BARE_TIMEOUT_S = 180;

/** One measurement, as bench/program-child.ts prints it. */
export interface ProgramBenchResult {
  readonly mode: string;
  readonly employees: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
  readonly resources: number;
  readonly users: number;
  readonly invokes: number;
  /** `targeted` mode: registrations the `--only` targets select (the account and its memberships). */
  readonly targeted?: number;
}

async function measure(args: string[], timeoutS: number): Promise<ProgramBenchResult | string> {
  try {
    return JSON.parse(
      await runIsolated("bench/program-child.ts", args, timeoutS * 1000, undefined, NODE_ARGS),
    ) as ProgramBenchResult;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The Pulumi program under mocks, side by side with bare registration of as many `azuread.User`s, each in a
 * fresh process with the program's Node arguments (Pulumi.yaml's `nodeargs`): wall time to "all registrations
 * answered", peak RSS, resources per employee and data-source calls (one `getUsers` per run, whatever the size).
 */
export async function run(): Promise<void> {
  console.log(
    "Pulumi program under mocks (Personio sandbox, empty tenant) vs bare azuread.User registration",
  );
  console.log(
    "employees  program s  program RSS MB  resources/employee  data-source calls  bare s  bare RSS MB  program/bare",
  );
  for (const employees of SIZES) {
    const file = path.join(tmpdir(), `program-bench-${employees}.json`);
    writeFileSync(file, JSON.stringify({ data: generateCompany(employees, 11) }));
    const server = await startServer("scripts/sandbox.ts", ["--data", file]);
    let program: ProgramBenchResult | string;
    try {
      program = await measure(["program", String(employees), server.firstLine], 300);
    } finally {
      await server.stop();
    }
    const bare = await measure(["bare", String(employees)], BARE_TIMEOUT_S);
    const cell = (r: ProgramBenchResult | string, pick: (r: ProgramBenchResult) => string) =>
      typeof r === "string" ? "failed" : pick(r);
    console.log(
      [
        String(employees).padStart(9),
        cell(program, (r) => (r.wallMs / 1000).toFixed(1)).padStart(9),
        cell(program, (r) => String(r.peakRssMb)).padStart(14),
        cell(program, (r) => (r.resources / employees).toFixed(3)).padStart(18),
        cell(program, (r) => String(r.invokes)).padStart(17),
        (typeof bare === "string" ? "OOM/timeout" : (bare.wallMs / 1000).toFixed(1)).padStart(7),
        cell(bare, (r) => String(r.peakRssMb)).padStart(11),
        (typeof program === "string" || typeof bare === "string"
          ? "-"
          : `${(program.wallMs / bare.wallMs).toFixed(2)}× time, ${(program.peakRssMb / bare.peakRssMb).toFixed(2)}× RSS`
        ).padStart(12),
      ].join("  "),
    );
    if (typeof program === "string") console.log(`  program failed: ${program}`);
    if (typeof bare === "string") console.log(`  bare: ${bare}`);
  }
}

/** Employees of the targeted run, and the two ids `--only` names. */
const TARGETED_EMPLOYEES = 10_000;

/**
 * `reconcile --once --only A,B` at 10,000 employees, under mocks: the cycle's listing (taken here, as the runner
 * does, outside the measured process) handed to the program as its snapshot file. The engine still runs the
 * whole program for a targeted update — targets select steps, not registrations — so this is the full
 * program's cost again; the count of selected registrations shows how little of it the update applies.
 */
export async function runTargeted(): Promise<void> {
  const file = path.join(tmpdir(), `program-bench-${TARGETED_EMPLOYEES}.json`);
  writeFileSync(file, JSON.stringify({ data: generateCompany(TARGETED_EMPLOYEES, 11) }));
  const server = await startServer("scripts/sandbox.ts", ["--data", file]);
  let snapshot;
  try {
    const reading = await takeSnapshot(BENCH_CONFIG, {
      env: { PERSONIO_BASE_URL: server.firstLine, PERSONIO_CLIENT_SECRET: "sandbox-secret" },
      now: new Date("2026-11-26T10:00:00Z"),
    });
    snapshot = writeSnapshot(reading.snapshot);
    const ids = [reading.snapshot.employees[0], reading.snapshot.employees.at(-1)].map((e) => String(e?.id));
    const result = await measure(["targeted", String(TARGETED_EMPLOYEES), snapshot.path, ids.join(",")], 300);
    if (typeof result === "string") {
      console.log(`targeted program run at 10,000 employees: failed: ${result}`);
      return;
    }
    console.log(
      `targeted program run at 10,000 employees: ${(result.wallMs / 1000).toFixed(1)} s, ${result.peakRssMb} MB ` +
        `(--only ${ids.join(",")}: ${result.targeted} of ${result.resources} registrations targeted; ` +
        "the whole program runs, as for a full update)",
    );
  } finally {
    snapshot?.dispose();
    await server.stop();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
