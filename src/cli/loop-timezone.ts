import { existsSync } from "node:fs";
import { parseStackConfig, readStackFile } from "../config";
import { calendarDateIn } from "../render";
import { CommandError, EXIT } from "./io";
import { stackConfigFile } from "./runner-args";

/**
 * The time zone whose midnights the reconcile loop follows: `--timezone`, else the stack's
 * `personio-azuread:timezone` from `stacks/Pulumi.<stack>.yaml` in the project, else UTC (the config default).
 */
export function loopTimezone(flag: unknown, workDir: string, stackName: string): string {
  if (typeof flag === "string") {
    if (!isTimeZone(flag)) {
      throw new CommandError(
        `Invalid value for --timezone: ${JSON.stringify(flag)}. Allowed: an IANA time zone such as Europe/Berlin.`,
        EXIT.usage,
      );
    }
    return flag;
  }
  const file = stackConfigFile(workDir, stackName);
  if (!existsSync(file)) return "UTC";
  const timezone = readStackFile(file).values["timezone"];
  // Validated like the program validates it, so a bad zone fails here too, with the same one line.
  return parseStackConfig({ timezone, ...MINIMAL }).timezone;
}

/** Just enough of a stack config to validate the time zone alone. */
const MINIMAL = {
  personio: { clientId: "-" },
  loginSchema: { beginning: { attribute: "first_name" }, end: "none", domain: "example.com" },
};

function isTimeZone(name: string): boolean {
  try {
    calendarDateIn(new Date(0), name);
    return true;
  } catch {
    return false;
  }
}
