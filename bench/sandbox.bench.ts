import { generateCompany } from "../src/sandbox";

const SIZE = 10_000;
const RUNS = 5;
const GOAL_MS = 1_000;

/** How long the sandbox takes to generate a company of 10,000 (the goal: well under a second). */
export function run(): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    generateCompany(SIZE, 7);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)] as number;
  console.log(`sandbox: generateCompany(${SIZE}) over ${RUNS} runs`);
  console.log(
    `  median ${median.toFixed(0)} ms, fastest ${(times[0] as number).toFixed(0)} ms, slowest ${(times[RUNS - 1] as number).toFixed(0)} ms (goal < ${GOAL_MS} ms): ${median < GOAL_MS ? "ok" : "SLOW"}`,
  );
  return Promise.resolve();
}
