/**
 * `npx tsx bench/scale/run.ts <strategy> <N> [--preview]`: one measurement in this fresh process,
 * one JSON line on stdout. Strategies: see strategies.ts.
 */
import { main, parseArgs } from "./harness";
import { STRATEGIES } from "./strategies";

const { rest } = parseArgs(process.argv.slice(2));
const name = rest[0] ?? "bare";
const declare = STRATEGIES[name];
if (declare === undefined) {
  console.error(`unknown strategy ${name}; known: ${Object.keys(STRATEGIES).join(", ")}`);
  process.exit(2);
}
main(name, declare);
