import { runIsolated } from "./child";
import { programNodeArgs } from "./node-args";
import type { Measurement } from "./scale/harness";

/** The program's Node arguments from Pulumi.yaml, read once for every process this bench starts. */
const NODE_ARGS = programNodeArgs();

/** Strategies of bench/scale that set the floor under a shard's program, with what each one declares. */
const FLOORS = [
  ["empty-batch", "User-typed resources without inputs (the SDK's cost per resource)"],
  ["lean-nostack-batch", "users with 14 inputs as the program declares them, no rendering, no outputs"],
] as const;

/**
 * The Pulumi SDK's own cost at `n` resources under mocks, each in a fresh process with the program's Node
 * arguments (bench/scale/run.ts): wall time and peak RSS, per resource over the process's baseline, against the
 * shard program's own numbers — what is left above the floor is the program's (rendering, outputs, logs). One
 * line per floor.
 */
export async function sdkFloor(n: number, program: { wallMs: number; peakRssMb: number }): Promise<string[]> {
  const lines = [`Pulumi SDK floor at ${n} resources under mocks (bench/scale, one fresh process each):`];
  for (const [strategy, what] of FLOORS) {
    let m: Measurement;
    try {
      m = JSON.parse(
        await runIsolated("bench/scale/run.ts", [strategy, String(n)], undefined, undefined, NODE_ARGS),
      ) as Measurement;
    } catch (error) {
      lines.push(`  ${strategy}: failed (${(error as Error).message})`);
      continue;
    }
    const kbPerResource = ((m.peakRssMb - m.baseRssMb) * 1024) / n;
    lines.push(
      `  ${strategy} (${what}): ${(m.wallMs / 1000).toFixed(1)} s = ${(m.wallMs / n).toFixed(2)} ms/resource, ` +
        `peak RSS ${m.peakRssMb} MB = ${m.baseRssMb} MB baseline + ${kbPerResource.toFixed(1)} kB/resource; ` +
        `the shard's program: ${(program.wallMs / m.wallMs).toFixed(2)}× the time, ` +
        `${(program.peakRssMb / m.peakRssMb).toFixed(2)}× the RSS`,
    );
  }
  return lines;
}
