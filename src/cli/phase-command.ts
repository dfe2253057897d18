import path from "node:path";
import { MAX_SHARDS } from "../contract/shards";
import type { Cycle } from "../runner/loop";
import type { CycleOptions } from "../runner/cycle-types";
import { BundleError, bundleKey } from "../runner/bundle-files";
import type { ShardedStack } from "../runner/shard-check";
import {
  type BundlePlace,
  runAfterUpPhase,
  runApplyShardPhase,
  runCheckPhase,
} from "../runner/sharded-phases";
import { DURATION_FLAGS, durationFlag } from "./duration-flags";
import type { FlagTable, Values } from "./flags";
import { type CommandIO, CommandError, EXIT } from "./io";

/** The flags of the three phases of a sharded cycle over several hosts (the bundle sealed with PERSONIO_AZUREAD_BUNDLE_KEY). */
export const PHASE_FLAGS = {
  check: {
    type: "boolean",
    description:
      "phase 1 of a sharded cycle over several hosts: preview every shard, check the guards, write the bundle to --out",
  },
  out: {
    type: "string",
    value: "DIR",
    default: "none, required with --check",
    description: "where --check writes the checked bundle",
    example: "bundle",
  },
  "apply-shard": {
    type: "string",
    value: "I",
    default: "none",
    description: "phase 2: apply shard I (0…shards-1) from the bundle in --checked",
    example: "3",
  },
  checked: {
    type: "string",
    value: "DIR",
    default: "none, required with --apply-shard and --after-up",
    description: "the bundle --check wrote",
    example: "bundle",
  },
  "after-up": {
    type: "boolean",
    description: "phase 3: the after-up steps and the cycle's report, from the bundle in --checked",
  },
  "max-bundle-age": {
    type: "string",
    value: "DURATION",
    default: DURATION_FLAGS["max-bundle-age"].fallback,
    description: "the oldest bundle --apply-shard and --after-up take",
    example: "1h",
  },
} as const satisfies FlagTable;

/** One phase of a sharded cycle, from the flags. */
export type PhaseFlag =
  | { readonly phase: "check"; readonly dir: string }
  | { readonly phase: "apply-shard"; readonly shard: number; readonly dir: string }
  | { readonly phase: "after-up"; readonly dir: string };

/**
 * The phase the flags ask for, or undefined for a whole cycle; a usage error for two phases, a phase without its
 * directory (`--out` for `--check`, `--checked` for the others), a directory flag without its phase, a phase on a
 * stack of one shard, or a shard outside 0…shards-1. `shards` undefined checks the flags alone.
 * @example phaseFlag({ "apply-shard": "3", checked: "bundle" }, 4) → { phase: "apply-shard", shard: 3, dir: "/…/bundle" }
 */
export function phaseFlag(values: Values, shards: number | undefined): PhaseFlag | undefined {
  const asked = (["check", "apply-shard", "after-up"] as const).filter((flag) => values[flag] !== undefined);
  const out = values["out"];
  const checked = values["checked"];
  const usage = (message: string) => new CommandError(message, EXIT.usage);
  if (asked.length > 1)
    throw usage(
      `Invalid flags: --${asked.join(" and --")}. Allowed: one phase per run (--check, --apply-shard or --after-up).`,
    );
  const [phase] = asked;
  if (phase === undefined) {
    const stray = ["out", "checked", "max-bundle-age"].find((flag) => values[flag] !== undefined);
    if (stray !== undefined)
      throw usage(
        `Invalid flag --${stray} without a phase. Allowed: with --check (--out) or --apply-shard/--after-up (--checked).`,
      );
    return undefined;
  }
  if (shards !== undefined && shards < 2)
    throw usage(
      `Invalid flag --${phase}: the stack is not sharded (personio-azuread:shards: ${shards}). Allowed: on a stack of 2 or more shards; run --once instead.`,
    );
  if (phase === "check") {
    if (typeof out !== "string" || out === "" || checked !== undefined)
      throw usage(
        "Invalid flags for --check: it needs --out DIR (where the checked bundle goes), not --checked.",
      );
    return { phase, dir: path.resolve(out) };
  }
  if (typeof checked !== "string" || checked === "" || out !== undefined)
    throw usage(
      `Invalid flags for --${phase}: it needs --checked DIR (the bundle --check wrote), not --out.`,
    );
  if (phase === "after-up") return { phase, dir: path.resolve(checked) };
  const text = String(values["apply-shard"]);
  const shard = /^(0|[1-9]\d*)$/.test(text) ? Number(text) : Number.NaN;
  const limit = shards ?? MAX_SHARDS;
  if (!(shard < limit))
    throw usage(
      `Invalid value for --apply-shard: ${JSON.stringify(text)}. Allowed: a shard from 0 to ${limit - 1}.`,
    );
  return { phase, shard, dir: path.resolve(checked) };
}

/** What a phase needs besides the stack and the cycle's options. */
export interface PhaseDeps {
  readonly io: CommandIO;
  readonly stop: AbortSignal;
  /** Reports a cycle's result to health, metrics and notifications. */
  readonly observe: (cycle: Cycle) => Cycle;
}

/**
 * Runs one phase: `--check` exits 0 with the bundle written, 2 refused, 1 failed (a refusal or failure is
 * reported as the cycle's); `--apply-shard` 0 applied or unchanged, 1 failed or a bundle it refuses;
 * `--after-up` reports the cycle and exits 0, or 1 when it or a shard failed.
 */
export async function runPhase(
  flag: PhaseFlag,
  values: Values,
  sharded: ShardedStack,
  options: CycleOptions,
  deps: PhaseDeps,
): Promise<number> {
  const place: BundlePlace = {
    dir: flag.dir,
    key: phaseKey(deps.io.env),
    maxAgeMs: durationFlag(values, "max-bundle-age"),
  };
  try {
    if (flag.phase === "check") {
      const outcome = await runCheckPhase(sharded, options, deps.stop, place);
      if (outcome.checked) return EXIT.ok;
      const result = await deps.observe(async () => outcome.result)(deps.stop);
      return result.status === "refused" ? EXIT.refused : EXIT.failed;
    }
    if (flag.phase === "apply-shard") {
      const result = await runApplyShardPhase(sharded, flag.shard, options, deps.stop, place);
      return result.status === "failed" ? EXIT.failed : EXIT.ok;
    }
    const result = await deps.observe((stop) => runAfterUpPhase(sharded, options, stop, place))(deps.stop);
    return result.status === "failed" ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    deps.io.stderr(error.message);
    return EXIT.failed;
  }
}

function phaseKey(env: Readonly<Record<string, string | undefined>>): Buffer {
  try {
    return bundleKey(env);
  } catch (error) {
    throw new CommandError((error as Error).message, EXIT.usage);
  }
}
