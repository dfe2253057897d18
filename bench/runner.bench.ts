import { PersonioClient } from "../src/personio";
import { generateCompany, startSandbox } from "../src/sandbox";
import { changeSetFromEvents } from "../src/review/change-set";
import { UpWatch } from "../src/engine/up-watch";
import { readSnapshot, writeSnapshot } from "../src/snapshot";
import { previewEvents } from "./summary.bench";

const USERS = 10_000;
const RUNS = 5;

/** Median of `RUNS` timings of `work`, in ms. */
function median(work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return (times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number) ?? 0;
}

/**
 * What issue 9 added to every reconcile cycle for a 10,000-user stack: writing the Personio snapshot (0600) and
 * the program reading and validating it (twice: preview and up), and watching `up`'s events against the
 * preview. Personio and the CLI themselves are not in these numbers.
 */
export async function run(): Promise<void> {
  const sandbox = await startSandbox({ employees: generateCompany(USERS, 7) });
  let employees;
  try {
    const client = new PersonioClient({
      baseUrl: sandbox.baseUrl,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      appId: "PERSONIO_AZUREAD_BENCH",
      rateLimit: false,
    });
    employees = await client.listEmployees();
  } finally {
    await sandbox.close();
  }
  const snapshot = { version: 1 as const, today: "2026-11-28", employees };
  const bytes = Buffer.byteLength(JSON.stringify(snapshot));
  const write = median(() => writeSnapshot(snapshot).dispose());
  const file = writeSnapshot(snapshot);
  const read = median(() => void readSnapshot(file.path));
  file.dispose();
  const events = previewEvents(USERS);
  const preview = changeSetFromEvents(events);
  const watch = median(() => {
    const upWatch = new UpWatch(events, preview);
    for (const event of events) upWatch.observe(event);
    changeSetFromEvents(events);
  });
  const total = write + 2 * read + watch;
  console.log(`runner per-cycle overhead, ${USERS.toLocaleString("en")} employees/users (median of ${RUNS})`);
  console.log(`  snapshot write (${(bytes / 1e6).toFixed(1)} MB, 0600):   ${write.toFixed(0)} ms`);
  console.log(`  snapshot read + validate (x2: preview, up): ${read.toFixed(0)} ms each`);
  console.log(`  up events watched against the preview:     ${watch.toFixed(0)} ms`);
  console.log(`  total added per cycle:                      ${total.toFixed(0)} ms`);
}
