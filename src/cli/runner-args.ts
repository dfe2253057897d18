import path from "node:path";
import { DEFAULT_GUARDS, type GuardOptions } from "../runner/guards";
import { parseDuration } from "./durations";
import { type Values } from "./flags";
import { CommandError, EXIT } from "./io";

/** Flags shared by `reconcile` and `preview`: the stack, the CLI, and the one-run guard overrides. */
export const COMMON_OPTIONS = {
  stack: { type: "string" },
  cwd: { type: "string" },
  "pulumi-root": { type: "string" },
  "allow-deletes": { type: "boolean" },
  "allow-mass-disable": { type: "boolean" },
  "allow-mass-leave": { type: "boolean" },
  "max-disables": { type: "string" },
  "allow-empty": { type: "boolean" },
  "allow-shrink": { type: "boolean" },
  "min-employee-share": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The stack and project directory every runner command needs. */
export function stackTarget(
  values: Values,
  usage: string,
): { stackName: string; workDir: string; pulumiRoot?: string } {
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

/** The guards with this run's explicit overrides. */
export function guardOptions(values: Values): GuardOptions {
  const maxDisables = values["max-disables"];
  const share = values["min-employee-share"];
  return {
    ...DEFAULT_GUARDS,
    allowDeletes: values["allow-deletes"] === true,
    allowMassDisable: values["allow-mass-disable"] === true,
    allowMassLeave: values["allow-mass-leave"] === true,
    allowEmptyPersonio: values["allow-empty"] === true,
    allowShrink: values["allow-shrink"] === true,
    ...(typeof maxDisables === "string" ? { maxDisables: wholeNumber("--max-disables", maxDisables) } : {}),
    ...(typeof share === "string" ? { minEmployeeShare: fraction("--min-employee-share", share) } : {}),
  };
}

/** A duration flag, e.g. `--interval 30m`. */
export function durationFlag(values: Values, flag: string, fallback: string, allowNever = false): number {
  const raw = values[flag];
  const text = typeof raw === "string" ? raw : fallback;
  const ms = parseDuration(text, allowNever);
  if (ms === undefined || ms <= 0) {
    const allowed = `a duration such as 90s, 30m, 1h or 1d${allowNever ? ", or never" : ""}`;
    throw new CommandError(
      `Invalid value for --${flag}: ${JSON.stringify(text)}. Allowed: ${allowed}.`,
      EXIT.usage,
    );
  }
  return ms;
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
