/**
 * Aggregates a V8 .cpuprofile (from `node --cpu-prof`) by function: self time and inclusive
 * ("total") time, top N rows.
 *
 *   npx tsx bench/scale/profile-summary.ts /tmp/x.cpuprofile [top=30] [--by=file]
 */
import { readFileSync } from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Node {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function shortUrl(url: string): string {
  const i = url.lastIndexOf("node_modules/");
  return (i >= 0 ? url.slice(i + 13) : url.replace(/^file:\/\/.*\/work\/main\//, "")) || "(native)";
}

export function summarise(path: string, top = 30, byFile = false): string {
  const p = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map<number, Node>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const key = (n: Node): string =>
    byFile
      ? shortUrl(n.callFrame.url)
      : `${n.callFrame.functionName || "(anonymous)"} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let sum = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    sum += dt;
    const id = p.samples[i] as number;
    const leaf = byId.get(id) as Node;
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur) as Node);
      if (!seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + dt);
      }
    }
  }
  const pct = (v: number): string => ((100 * v) / sum).toFixed(1).padStart(5) + "%";
  const ms = (v: number): string => (v / 1000).toFixed(0).padStart(7) + "ms";
  const lines = [`total sampled ${ms(sum)}`, "", "SELF"];
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${pct(v)} ${ms(v)}  ${k}`);
  lines.push("", "TOTAL (inclusive)");
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${pct(v)} ${ms(v)}  ${k}`);
  return lines.join("\n");
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** Live (still allocated at the end) sampled heap of a `--heap-prof` .heapprofile, by allocating function. */
export function summariseHeap(path: string, top = 30, byFile = false): string {
  const p = JSON.parse(readFileSync(path, "utf8")) as { head: HeapNode };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let sum = 0;
  const key = (f: CallFrame): string =>
    byFile ? shortUrl(f.url) : `${f.functionName || "(anonymous)"} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
  const walk = (n: HeapNode, path: Set<string>): number => {
    const k = key(n.callFrame);
    sum += n.selfSize;
    self.set(k, (self.get(k) ?? 0) + n.selfSize);
    let t = n.selfSize;
    const next = new Set(path).add(k);
    for (const c of n.children) t += walk(c, next);
    if (!path.has(k)) total.set(k, (total.get(k) ?? 0) + t);
    return t;
  };
  walk(p.head, new Set());
  const pct = (v: number): string => ((100 * v) / sum).toFixed(1).padStart(5) + "%";
  const mb = (v: number): string => (v / 2 ** 20).toFixed(1).padStart(7) + "MB";
  const lines = [`total live sampled ${mb(sum)}`, "", "SELF (allocated here, still live)"];
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${pct(v)} ${mb(v)}  ${k}`);
  lines.push("", "TOTAL (inclusive)");
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${pct(v)} ${mb(v)}  ${k}`);
  return lines.join("\n");
}

if (require.main === module) {
  const [path, topArg, ...flags] = process.argv.slice(2);
  if (path === undefined)
    throw new Error("usage: profile-summary.ts <file.cpuprofile|file.heapprofile> [top] [--by=file]");
  const fn = path.endsWith(".heapprofile") ? summariseHeap : summarise;
  console.log(fn(path, Number(topArg ?? 30), flags.includes("--by=file")));
}
