import path from "node:path";
import { SCOPE_RELEASE_ENV } from "../contract";
import { DEFAULT_GUARDS, type GuardOptions } from "../review/guards";
import { DEFAULT_SKIP_LIMIT, type SkipLimit } from "../review/skipped-guard";
import type { StackOps, StackTarget } from "../engine/stack-ops";
import { type CommandSpec, type FlagTable, parseFlags, printedHelp, usageLine, type Values } from "./flags";
import { type CommandIO, CommandError, EXIT } from "./io";

/** The stack and where its project is: every runner command's. */
export const STACK_FLAGS = {
  stack: {
    type: "string",
    value: "NAME",
    required: true,
    description: "the Pulumi stack (its config: stacks/Pulumi.<NAME>.yaml)",
    example: "prod",
  },
  cwd: {
    type: "string",
    value: "DIR",
    default: "the current directory",
    description: "the project directory (Pulumi.yaml)",
    example: "/srv/personio-azuread",
  },
  "pulumi-root": {
    type: "string",
    value: "DIR",
    default: "the pulumi on PATH",
    description: "the Pulumi CLI's install directory, holding bin/pulumi",
    example: "/opt/pulumi",
  },
} as const satisfies FlagTable;

/** `--stack-config FILE` of the commands that read the stack file themselves, beside `--stack`. */
export const STACK_CONFIG_FLAG = {
  type: "string",
  value: "FILE",
  default: "<cwd>/stacks/Pulumi.<stack>.yaml",
  description: "the stack config file",
  example: "stacks/Pulumi.prod.yaml",
} as const satisfies FlagTable[string];

/** The one-run guard overrides of `reconcile` and `preview`. */
export const GUARD_FLAGS = {
  "allow-deletes": { type: "boolean", description: "let a cycle delete or replace users (deletes guard)" },
  "allow-mass-disable": {
    type: "boolean",
    description: "let more accounts be disabled than the disables guard allows",
  },
  "allow-mass-leave": {
    type: "boolean",
    description: "let more group memberships end than the leaves guard allows",
  },
  "max-disables": {
    type: "string",
    value: "N",
    default: "max(5, 20% of the managed accounts)",
    description: "the disables guard's threshold",
    example: "20",
  },
  "max-skipped": {
    type: "string",
    value: "N|P%",
    default:
      "count" in DEFAULT_SKIP_LIMIT ? String(DEFAULT_SKIP_LIMIT.count) : `${DEFAULT_SKIP_LIMIT.percent}%`,
    description: "how many unreadable Personio records the skipped guard lets pass",
    example: "12",
  },
  "allow-scope-release": {
    type: "boolean",
    description:
      "release managed accounts whose employees left personio-azuread:scope (kept in Entra ID, left alone)",
  },
  "allow-empty": { type: "boolean", description: "let a cycle run when Personio lists no employees" },
  "allow-shrink": {
    type: "boolean",
    description: "let a cycle run when Personio lists fewer employees than --min-employee-share",
  },
  "min-employee-share": {
    type: "string",
    value: "SHARE",
    default: String(DEFAULT_GUARDS.minEmployeeShare),
    description: "the share of the last run's employees Personio must list (shrink guard)",
    example: "0.8",
  },
} as const satisfies FlagTable;

/** Flags shared by `reconcile` and `preview`: the stack, the CLI, and the one-run guard overrides. */
export const COMMON_FLAGS = { ...STACK_FLAGS, ...GUARD_FLAGS } as const satisfies FlagTable;

/**
 * The flags of a runner command (`reconcile`, `preview`, `write-back`, `graph`) and the stack they name;
 * undefined when `--help` asked for the help, which is then printed (exit 0).
 */
export function runnerFlags(
  argv: readonly string[],
  spec: CommandSpec,
  io: CommandIO,
): { values: Values; target: StackTarget } | undefined {
  const values = parseFlags(argv, spec);
  if (printedHelp(values, spec, io)) return undefined;
  return { values, target: stackTarget(values, spec) };
}

/** The stack and project directory every runner command needs. */
function stackTarget(values: Values, spec: CommandSpec): StackTarget {
  const stackName = values["stack"];
  if (typeof stackName !== "string" || stackName.trim() === "") {
    throw new CommandError(`Missing --stack. ${usageLine(spec)}`, EXIT.usage);
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
