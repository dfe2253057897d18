/**
 * Bare vs mitigated registration of N `azuread.User` children of one ComponentResource, each
 * measurement in a fresh process (run.ts), printed as a table.
 *
 *   npx tsx bench/scale/compare.ts [N...] [--strategy=lean-nostack-batch] [--engine=hold]
 *        [--runner=tsx|sms|plain] [--preview] [--bare-max=10000] [--timeout=150]
 *
 * --runner=tsx    the scripts run under tsx (Node's own source maps on), like `npm run` scripts.
 * --runner=sms    compiled to JS (tsc, into the OS temp dir) and run with
 *                 `node -r source-map-support/register`, which is what `pulumi up` does
 *                 (@pulumi/pulumi/cmd/run/index.js:30): the closest to production.
 * --runner=plain  compiled JS, no source maps at all.
 * --engine=hold   the mock engine answers nothing until everything is declared (a first `pulumi up`
 *                 creating all users): every registration pending at once, the memory worst case.
 * Defaults: N = 1000 5000 10000, strategy lean-nostack-batch (see strategies.ts), runner tsx.
 */
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Measurement } from "./harness";

interface Options {
  ns: number[];
  strategy: string;
  runner: "tsx" | "sms" | "plain";
  engine: "immediate" | "hold";
  preview: boolean;
  bareMax: number;
  timeoutS: number;
}

type Outcome = { ok: true; m: Measurement } | { ok: false; why: string; wallMs: number };

const ROOT = resolve(__dirname, "..", "..");
const JS_OUT = join(tmpdir(), "personio-azuread-bench-scale");

function parse(argv: string[]): Options {
  const o: Options = {
    ns: [],
    strategy: "lean-nostack-batch",
    runner: "tsx",
    engine: "immediate",
    preview: false,
    bareMax: 10000,
    timeoutS: 150,
  };
  for (const a of argv) {
    const [k, v = ""] = a.split("=", 2) as [string, string?];
    if (/^\d+$/.test(a)) o.ns.push(Number(a));
    else if (k === "--strategy") o.strategy = v;
    else if (k === "--runner" && (v === "tsx" || v === "sms" || v === "plain")) o.runner = v;
    else if (k === "--engine" && (v === "hold" || v === "immediate")) o.engine = v;
    else if (k === "--preview") o.preview = true;
    else if (k === "--bare-max") o.bareMax = Number(v);
    else if (k === "--timeout") o.timeoutS = Number(v);
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.ns.length === 0) o.ns = [1000, 5000, 10000];
  return o;
}

function compile(): void {
  const r = spawnSync(
    "npx",
    [
      "tsc",
      join(ROOT, "bench/scale/run.ts"),
      ...["--outDir", JS_OUT, "--rootDir", ROOT, "--module", "commonjs", "--target", "ES2022"],
      ...["--moduleResolution", "node", "--esModuleInterop", "--resolveJsonModule", "--skipLibCheck"],
      ...["--sourceMap", "--strict", "--types", "node"],
    ],
    { cwd: ROOT, stdio: "inherit" },
  );
  if (r.status !== 0) throw new Error("tsc failed");
}

function command(o: Options, strategy: string, n: number): [string, string[]] {
  const args = [strategy, String(n), ...(o.preview ? ["--preview"] : [])];
  if (o.runner === "tsx")
    return [process.execPath, [...process.execArgv, join(ROOT, "bench/scale/run.ts"), ...args]];
  const pre = o.runner === "sms" ? ["-r", "source-map-support/register"] : [];
  return [process.execPath, [...pre, join(JS_OUT, "bench/scale/run.js"), ...args]];
}

function runOne(o: Options, strategy: string, n: number): Outcome {
  const [cmd, args] = command(o, strategy, n);
  const env = {
    ...process.env,
    NODE_PATH: join(ROOT, "node_modules"),
    BENCH_ENGINE: o.engine,
  };
  const t0 = Date.now();
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: o.timeoutS * 1000,
    maxBuffer: 1 << 26,
  });
  const wallMs = Date.now() - t0;
  const line = r.stdout?.split("\n").find((l) => l.startsWith("{"));
  if (r.status === 0 && line) return { ok: true, m: JSON.parse(line) as Measurement };
  const err = `${r.stderr ?? ""}`;
  const why = /heap out of memory/i.test(err)
    ? "OOM"
    : r.signal === "SIGTERM"
      ? `timeout ${o.timeoutS}s`
      : `exit ${r.status ?? r.signal}: ${err.trim().split("\n").slice(-1)[0] ?? ""}`;
  return { ok: false, why, wallMs };
}

const fmtS = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const cell = (x: Outcome | undefined): [string, string] =>
  x === undefined
    ? ["-", "-"]
    : x.ok
      ? [fmtS(x.m.wallMs), `${x.m.peakRssMb} MB`]
      : [`${x.why} @${fmtS(x.wallMs)}`, "-"];

function main(): void {
  const o = parse(process.argv.slice(2));
  if (o.runner !== "tsx") compile();
  const load = spawnSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).stdout.trim();
  console.log(
    `runner=${o.runner} engine=${o.engine} preview=${o.preview} mitigated=${o.strategy} ` +
      `node=${process.version} loadavg(before)=${load}`,
  );
  const rows: Array<{ n: number; bare?: Outcome; mit: Outcome }> = [];
  for (const n of o.ns) {
    const bare = n <= o.bareMax ? runOne(o, "bare", n) : undefined;
    const mit = runOne(o, o.strategy, n);
    rows.push({ n, ...(bare ? { bare } : {}), mit });
    process.stderr.write(`done N=${n}\n`);
  }
  const ref = (x: Outcome | undefined, n: number): number | undefined => (x?.ok ? x.m.wallMs / n : undefined);
  const bare1k = ref(rows[0]?.bare, rows[0]?.n ?? 1);
  const mit1k = ref(rows[0]?.mit, rows[0]?.n ?? 1);
  const header = [
    "N",
    "bare wall",
    "bare peak RSS",
    "mitigated wall",
    "mitigated peak RSS",
    "speed-up",
    `ms/user`,
    `per-user vs own N=${rows[0]?.n}`,
    `per-user vs bare N=${rows[0]?.n}`,
  ];
  const table = [header];
  for (const r of rows) {
    const [bw, br] = cell(r.bare);
    const [mw, mr] = cell(r.mit);
    const per = ref(r.mit, r.n);
    const speed = r.bare?.ok && r.mit.ok ? `${(r.bare.m.wallMs / r.mit.m.wallMs).toFixed(1)}x` : "-";
    table.push([
      String(r.n),
      bw,
      br,
      mw,
      mr,
      speed,
      per === undefined ? "-" : per.toFixed(2),
      per !== undefined && mit1k ? `${(per / mit1k).toFixed(2)}x` : "-",
      per !== undefined && bare1k ? `${(per / bare1k).toFixed(2)}x` : "-",
    ]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  for (const [i, row] of table.entries()) {
    console.log(
      row.map((c, j) => (j === 0 ? c.padStart(widths[j] ?? 0) : c.padEnd(widths[j] ?? 0))).join(" | "),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  }
}

main();
