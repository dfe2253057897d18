import type * as pulumi from "@pulumi/pulumi";
import type { ProgramInputs, ProgramOutputs, ProgramRun } from "../program";

/**
 * What this repository's own program gives its `PersonioDirectory` beyond the args: the environment (config
 * overrides, the shard), the run's time, the runner's snapshot, the stack's name and the password maker.
 */
export type OwnStack = Omit<ProgramInputs, "config" | "into">;

// Kept out of the constructor's signature, which every SDK's schema is generated from: consumers never see it.
const ownStacks = new WeakMap<object, OwnStack>();
const runs = new WeakMap<object, Promise<ProgramRun>>();

/**
 * Resource options that make a `PersonioDirectory` this repository's own program: it keeps the URNs the program
 * has always had (the `Directory` type token for itself, its `Groups` beside it at the stack's root), reads the
 * environment's overrides and the shard, and renders the runner's snapshot when there is one.
 */
export function ownStackOptions(own: OwnStack): pulumi.ComponentResourceOptions {
  const opts: pulumi.ComponentResourceOptions = {};
  ownStacks.set(opts, own);
  return opts;
}

/**
 * The own program's settings when `opts` came from {@link ownStackOptions}, taken: asked once, they are
 * forgotten here, so the runner's snapshot in them lives only as long as the run needs it.
 */
export function takeOwnStack(opts: pulumi.ComponentResourceOptions | undefined): OwnStack | undefined {
  if (opts === undefined) return undefined;
  const own = ownStacks.get(opts);
  ownStacks.delete(opts);
  return own;
}

/** Records a component's run, for {@link stackOutputsOf}. */
export function recordRun(component: pulumi.ComponentResource, run: Promise<ProgramRun>): void {
  runs.set(component, run);
}

/** The stack outputs of the program a component ran (the contract with the runner); rejects as the run does. */
export async function stackOutputsOf(component: pulumi.ComponentResource): Promise<ProgramOutputs> {
  const run = runs.get(component);
  if (run === undefined) throw new Error("stackOutputsOf: not a PersonioDirectory");
  return (await run).outputs;
}
