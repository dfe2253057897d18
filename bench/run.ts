import { run as graph } from "./graph.bench";
import { run as groups } from "./groups.bench";
import { run as pageLimit } from "./page-limit.bench";
import { run as personio } from "./personio.bench";
import { run as program, runTargeted as targeted } from "./program.bench";
import { run as redact } from "./redact.bench";
import { run as render } from "./render.bench";
import { run as runner } from "./runner.bench";
import { run as sandbox } from "./sandbox.bench";
import { run as shards } from "./shards.bench";
import { run as summary } from "./summary.bench";
import { run as tokenHang } from "./token-hang.bench";
import { run as webhooks } from "./webhooks.bench";
import { run as writeBack } from "./write-back.bench";

/** `npm run bench [-- name…]`: every benchmark, or the named ones, each printing its own table. */
const BENCHES: Record<string, () => Promise<void>> = {
  personio,
  render,
  summary,
  runner,
  program,
  targeted,
  shards,
  groups,
  sandbox,
  "write-back": writeBack,
  redact,
  "token-hang": tokenHang,
  "page-limit": pageLimit,
  graph,
  webhooks,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const selected = names.length === 0 ? Object.keys(BENCHES) : names;
  for (const name of selected) {
    const bench = BENCHES[name];
    if (bench === undefined) {
      throw new Error(`Unknown benchmark: ${name}. Allowed: ${Object.keys(BENCHES).join(", ")}.`);
    }
    await bench();
    console.log("");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
