import path from "node:path";
import { SCOPE_RELEASE_ENV } from "../contract";
import { DEFAULT_GUARDS, type GuardOptions } from "../review/guards";
import type { SkipLimit } from "../review/skipped-guard";
import type { StackOps, StackTarget } from "../engine/stack-ops";
import { parseFlags, type Values } from "./flags";
import { type CommandIO, CommandError, EXIT } from "./io";

/** Flags shared by `reconcile` and `preview`: the stack, the CLI, and the one-run guard overrides. */
export const COMMON_OPTIONS = {
  stack: { type: "string" },
  cwd: { type: "string" },
  "pulumi-root": { type: "string" },
  "allow-deletes": { type: "boolean" },
  "allow-mass-disable": { type: "boolean" },
  "allow-mass-leave": { type: "boolean" },
  "max-disables": { type: "string" },
  "max-skipped": { type: "string" },
  "allow-empty": { type: "boolean" },
  "allow-shrink": { type: "boolean" },
  "allow-scope-release": { type: "boolean" },
  "min-employee-share": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * The flags of a runner command (`reconcile`, `preview`, `write-back`) and the stack they name; undefined when
 * `--help` asked for the usage, which is then printed (exit 0).
 */
export function runnerFlags(
  argv: readonly string[],
  options: Parameters<typeof parseFlags>[1],
  usage: string,
  io: CommandIO,
): { values: Values; target: StackTarget } | undefined {
  const values = parseFlags(argv, options, usage);
  if (values["help"] === true) {
    io.stdout(usage);
    return undefined;
  }
  return { values, target: stackTarget(values, usage) };
}

/** The stack and project directory every runner command needs. */
function stackTarget(values: Values, usage: string): StackTarget {
  const stackName = values["stack"];
  if (typeof stackName !== "string" || stackName.trim() === "") {
    throw new CommandError(`Missing --stack. ${usage}`, EXIT.usage);
  }
  const root = values["pulumi-root"];
  return {
    stackName,
    workDir: path.resolve(typeof values["cwd"] === "string" ? values["cwd"] : "."),
    ...(typeof root === "string" ? { pulumiRoot: path.resolve(root) } : {}),
  };
}

/**
 * The stack's config file in the project (`stackConfigDir: stacks`): `stacks/Pulumi.prod.yaml` for `prod` and
 * for a fully qualified `acme/personio-azuread/prod` alike.
 */
export function stackConfigFile(workDir: string, stackName: string): string {
  return path.join(workDir, "stacks", `Pulumi.${stackName.split("/").pop() ?? stackName}.yaml`);
}

/** The guards with this run's explicit overrides. */
export function guardOptions(values: Values): GuardOptions {
  const maxDisables = values["max-disables"];
  const share = values["min-employee-share"];
  const maxSkipped = values["max-skipped"];
  return {
    ...DEFAULT_GUARDS,
    allowDeletes: values["allow-deletes"] === true,
    allowMassDisable: values["allow-mass-disable"] === true,
    allowMassLeave: values["allow-mass-leave"] === true,
    allowEmptyPersonio: values["allow-empty"] === true,
    allowShrink: values["allow-shrink"] === true,
    allowScopeRelease: values["allow-scope-release"] === true,
    ...(typeof maxDisables === "string" ? { maxDisables: wholeNumber("--max-disables", maxDisables) } : {}),
    ...(typeof share === "string" ? { minEmployeeShare: fraction("--min-employee-share", share) } : {}),
    ...(typeof maxSkipped === "string" ? { maxSkipped: skipLimit("--max-skipped", maxSkipped) } : {}),
  };
}

/**
 * The stack as a runner command drives it: with `--allow-scope-release`, every preview and `up` runs the program
 * with {@link SCOPE_RELEASE_ENV}, so that it releases the managed accounts of employees out of scope (and the
 * deletes guard lets exactly those releases through); without it, the stack as it is.
 */
export function withScopeRelease(stack: StackOps, guards: GuardOptions): StackOps {
  if (guards.allowScopeRelease !== true) return stack;
  const release = { [SCOPE_RELEASE_ENV]: "1" };
  const overrides: Pick<StackOps, "preview" | "up"> = {
    preview: (onEvent, signal, env, only) => stack.preview(onEvent, signal, { ...env, ...release }, only),
    up: (onEvent, signal, env, only) => stack.up(onEvent, signal, { ...env, ...release }, only),
  };
  return new Proxy(stack, {
    get(target, key) {
      if (key === "preview" || key === "up") return overrides[key];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** `12` (records) or `5%` (of the employees listed, 0–100, decimals allowed). */
export function skipLimit(flag: string, text: string): SkipLimit {
  if (/^\d+$/.test(text)) return { count: Number(text) };
  const match = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (match !== null && Number(match[1]) <= 100) return { percent: Number(match[1]) };
  throw new CommandError(
    `Invalid value for ${flag}: ${JSON.stringify(text)}. Allowed: a whole number of records >= 0 (12) or a percentage of the employees from 0% to 100% (5%).`,
    EXIT.usage,
  );
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) {
    throw new CommandError(
      `Invalid value for ${flag}: ${JSON.stringify(text)}. Allowed: a whole number >= 0.`,
      EXIT.usage,
    );
  }
  return Number(text);
}

function fraction(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new CommandError(
      `Invalid value for ${flag}: ${JSON.stringify(text)}. Allowed: a share from 0 to 1, e.g. 0.9.`,
      EXIT.usage,
    );
  }
  return value;
}
