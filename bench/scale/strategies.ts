/**
 * Declaration strategies measured by run.ts / compare.ts. Each declares N `azuread:index/user:User`
 * children of `parent` with the same inputs and options.
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { USER_TYPE } from "../../src/contract";
import { bareDeclare, type Declare } from "./harness";
import { declareInBatches, declareUser, withoutStackTraces } from "../../src/program/lean-user";
import { userInputs, userName } from "./users";

const BATCH = Number(process.env.BENCH_BATCH ?? 100);

const opts = (parent: pulumi.Resource): pulumi.CustomResourceOptions => ({
  parent,
  retainOnDelete: true,
  ignoreChanges: ["password", "forcePasswordChange"],
});

const full = (parent: pulumi.Resource) => (i: number) =>
  new azuread.User(userName(i), userInputs(i), opts(parent));
const lean = (parent: pulumi.Resource) => (i: number) =>
  declareUser(userName(i), userInputs(i), opts(parent));

function loop<T>(n: number, one: (i: number) => T): void {
  for (let i = 0; i < n; i++) one(i);
}

/** A `User`-typed custom resource with no inputs: what the SDK costs per resource, whatever is declared. */
class EmptyUser extends pulumi.CustomResource {
  constructor(name: string, opts: pulumi.CustomResourceOptions) {
    super(USER_TYPE, name, {}, opts);
  }
}

const indices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export const STRATEGIES: Record<string, Declare> = {
  /** `new azuread.User` in one synchronous loop. */
  bare: bareDeclare,
  /** Same loop inside withoutStackTraces (limit restored right after the loop). */
  nostack: (parent, n) => withoutStackTraces(() => loop(n, full(parent))),
  /** Error.stackTraceLimit = 0 for the rest of the process (never restored): upper bound. */
  "nostack-global": (parent, n) => {
    Error.stackTraceLimit = 0;
    loop(n, full(parent));
  },
  /** declareUser (15 property Outputs instead of 49), stacks on. */
  lean: (parent, n) => loop(n, lean(parent)),
  /** declareUser inside withoutStackTraces. */
  "lean-nostack": (parent, n) => withoutStackTraces(() => loop(n, lean(parent))),
  /** `new azuread.User`, batches of BENCH_BATCH with a setImmediate yield between. */
  "bare-batch": async (parent, n) => {
    await declareInBatches(indices(n), BATCH, full(parent));
  },
  /** withoutStackTraces per batch + yield between batches (limit is back to normal while yielding). */
  "nostack-batch": async (parent, n) => {
    const one = full(parent);
    await declareInBatches(indices(n), BATCH, (i) => withoutStackTraces(() => one(i)));
  },
  /** declareUser + withoutStackTraces per batch + yield between batches. */
  "lean-nostack-batch": async (parent, n) => {
    const one = lean(parent);
    await declareInBatches(indices(n), BATCH, (i) => withoutStackTraces(() => one(i)));
  },
  /**
   * The SDK's own cost per resource, whatever the inputs: a `User`-typed custom resource with no inputs at all,
   * declared as lean-nostack-batch declares (no stacks, batches with a yield between).
   */
  "empty-batch": async (parent, n) => {
    await declareInBatches(indices(n), BATCH, (i) =>
      withoutStackTraces(() => new EmptyUser(userName(i), opts(parent))),
    );
  },
  /** Experiment only: lean-nostack-batch with the limit left at 0 for the async pipeline too. */
  "lean-nostack-global-batch": async (parent, n) => {
    Error.stackTraceLimit = 0;
    await declareInBatches(indices(n), BATCH, lean(parent));
  },
  /**
   * Experiment: lean-nostack-batch, then BENCH_DEPENDENTS (default 100) resources that
   * `dependsOn` the component: each walks all N children (dependsOn.js
   * getAllTransitivelyReferencedResourceURNs) and sends N URNs to the engine.
   */
  "component-dependents": async (parent, n) => {
    const one = lean(parent);
    await declareInBatches(indices(n), BATCH, (i) => withoutStackTraces(() => one(i)));
    const k = Number(process.env.BENCH_DEPENDENTS ?? 100);
    const t = performance.now();
    for (let j = 0; j < k; j++) {
      new azuread.Group(
        `group-${j}`,
        { displayName: `g${j}`, securityEnabled: true },
        { dependsOn: [parent] },
      );
    }
    const runtime = (await import("@pulumi/pulumi")).runtime as unknown as { waitForRPCs(): Promise<void> };
    await runtime.waitForRPCs();
    process.stderr.write(`dependents: ${k} in ${Math.round(performance.now() - t)} ms\n`);
  },
};
