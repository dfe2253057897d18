/**
 * One measurement, in the current (fresh) process: set mocks, declare one ComponentResource
 * with N `azuread.User` children through a strategy, wait until the SDK has finished every
 * registration, print one JSON line.
 *
 * "Finished" is decided the way the real language host decides it: `runInPulumiStack`
 * (node_modules/@pulumi/pulumi/runtime/stack.js) awaits `settings.waitForRPCs()`, which follows
 * the `rpcDone` chain that every `registerResource` extends with an `rpcKeepAlive()` and
 * releases only after the (mock) monitor answered and all outputs were resolved.
 */
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import { userInputs, userName } from "./users";
import { startHeapSampling, type HeapSampler } from "./heap-sampler";

export type Declare = (parent: pulumi.ComponentResource, n: number) => void | Promise<void>;

export interface Measurement {
  strategy: string;
  n: number;
  engine: "immediate" | "hold";
  preview: boolean;
  /** Wall time from the first declaration to "all RPCs done". */
  wallMs: number;
  /** Part of wallMs spent in the synchronous/async declaration loop itself. */
  declareMs: number;
  /** Peak resident set size of the whole process (process.resourceUsage().maxRSS). */
  peakRssMb: number;
  heapUsedMb: number;
  /** RSS just before the first declaration (modules loaded, mocks set): the baseline of bytes per resource. */
  baseRssMb: number;
  /** RSS right after the last declaration (before waiting for the registrations). */
  rssAtDeclaredMb: number;
  liveAtDeclaredMb?: number;
  newResourceCalls: number;
  userCalls: number;
  /** Process uptime at the end (includes module loading, ~1 s for tsx + SDK). */
  processMs: number;
  nodeOptions: string;
}

interface Runtime {
  waitForRPCs(): Promise<void>;
}

export const COMPONENT_TYPE = "personio:index:Directory";

export function parseArgs(argv: string[]): { n: number; preview: boolean; rest: string[] } {
  const rest: string[] = [];
  let n = 1000;
  let preview = false;
  for (const a of argv) {
    if (a === "--preview") preview = true;
    else if (/^\d+$/.test(a)) n = Number(a);
    else rest.push(a);
  }
  return { n, preview, rest };
}

/** The plain declaration the program would write: `new azuread.User(...)` with our options. */
export const bareDeclare: Declare = (parent, n) => {
  for (let i = 0; i < n; i++) {
    new azuread.User(userName(i), userInputs(i), {
      parent,
      retainOnDelete: true,
      ignoreChanges: ["password", "forcePasswordChange"],
    });
  }
};

export async function measure(
  strategy: string,
  n: number,
  preview: boolean,
  declare: Declare,
): Promise<Measurement> {
  let newResourceCalls = 0;
  let userCalls = 0;
  // BENCH_ENGINE=hold: the mock "engine" answers no registration until the program has declared
  // everything (like `pulumi up` creating users, where each create takes far longer than declaring),
  // so every registration is pending at once: the worst case for memory under the real engine.
  // The answers are then delivered one per macrotask, as gRPC callbacks arrive.
  const hold = process.env.BENCH_ENGINE === "hold";
  const held: Array<() => void> = [];
  const releaseAll = (): void => {
    const next = held.shift();
    if (next) {
      next();
      setImmediate(releaseAll);
    } else if (!declared) {
      setImmediate(releaseAll);
    }
  };
  let declared = false;
  await pulumi.runtime.setMocks(
    {
      newResource: async (args) => {
        newResourceCalls++;
        if (args.type === "azuread:index/user:User") userCalls++;
        if (hold) await new Promise<void>((resolve) => held.push(resolve));
        return { id: args.name + "-id", state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "personio-azuread",
    "bench",
    preview,
  );

  // BENCH_HEAP_SAMPLE=<file.heapprofile>: sampling heap profile of what is still live once all
  // registrations are done (while the resources are still referenced), by allocation site.
  const sampler: HeapSampler | undefined = process.env.BENCH_HEAP_SAMPLE
    ? await startHeapSampling(process.env.BENCH_HEAP_SAMPLE)
    : undefined;
  const baseRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const parent = new pulumi.ComponentResource(COMPONENT_TYPE, "directory", {}, {});
  await declare(parent, n);
  // The real component would register its outputs at the end of its constructor.
  (parent as unknown as { registerOutputs(o: object): void }).registerOutputs({ count: n });
  const t1 = performance.now();
  declared = true;
  const atDeclared = process.memoryUsage();
  // Diagnostics (node --expose-gc, BENCH_GC_AT_DECLARED=1): live heap while registrations are pending.
  const gc = (globalThis as { gc?: () => void }).gc;
  let liveAtDeclaredMb: number | undefined;
  if (gc && process.env.BENCH_GC_AT_DECLARED) {
    gc();
    liveAtDeclaredMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  }
  if (hold) setImmediate(releaseAll);
  if (sampler && process.env.BENCH_HEAP_SAMPLE_AT === "declared") await sampler.stop(parent);
  await (pulumi.runtime as unknown as Runtime).waitForRPCs();
  const t2 = performance.now();
  if (sampler && process.env.BENCH_HEAP_SAMPLE_AT !== "declared") await sampler.stop(parent);

  if (userCalls !== n) {
    throw new Error(`expected ${n} User registrations, the mock saw ${userCalls}`);
  }
  const ru = process.resourceUsage();
  return {
    strategy,
    n,
    engine: hold ? "hold" : "immediate",
    preview,
    wallMs: Math.round(t2 - t0),
    declareMs: Math.round(t1 - t0),
    peakRssMb: Math.round(ru.maxRSS / 1024),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    baseRssMb: Math.round(baseRss / 2 ** 20),
    rssAtDeclaredMb: Math.round(atDeclared.rss / 2 ** 20),
    ...(liveAtDeclaredMb === undefined ? {} : { liveAtDeclaredMb }),
    newResourceCalls,
    userCalls,
    processMs: Math.round(process.uptime() * 1000),
    nodeOptions: `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`.trim(),
  };
}

/** Runs `measure` and prints its JSON line; exits non-zero on failure. */
export function main(strategy: string, declare: Declare, argv = process.argv.slice(2)): void {
  const { n, preview } = parseArgs(argv);
  measure(strategy, n, preview, declare).then(
    (m) => {
      console.log(JSON.stringify(m));
      // Skip the SDK's exit-time leak check walking whatever is left; we have our number.
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
