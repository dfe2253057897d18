import { type CommandSpec, parseFlags, printedHelp } from "./flags";
import { CommandError, type CommandIO, EXIT } from "./io";
import { PLAN_FLAGS } from "./plan-command";

/** `npm start`: the plan's flags, with the demo's defaults (it passes them on to the plan). */
export const START_SPEC: CommandSpec = {
  usage: "npm start -- [flags]",
  about:
    "Starts the Personio sandbox with the sample company and the Graph emulator, exports the tenant, prints the offline plan of stacks/Pulumi.demo.yaml against both and stops them. No cloud, no credentials.",
  flags: {
    ...PLAN_FLAGS,
    "stack-config": {
      ...PLAN_FLAGS["stack-config"],
      required: undefined,
      default: "stacks/Pulumi.demo.yaml",
    },
    "existing-accounts": {
      ...PLAN_FLAGS["existing-accounts"],
      default: "the Graph emulator's tenant, exported on start",
    },
  },
  example: "npm start -- --today 2026-10-01 --json plan.json",
};

/**
 * Checks `npm start`'s flags before anything starts: the exit status when it is done already (0 after `--help`,
 * 2 after one line for a bad flag), else undefined.
 */
export function startFlags(
  argv: readonly string[],
  io: Pick<CommandIO, "stdout" | "stderr">,
): number | undefined {
  try {
    return printedHelp(parseFlags(argv, START_SPEC), START_SPEC, io) ? EXIT.ok : undefined;
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    io.stderr(error.message);
    return error.exitCode;
  }
}
