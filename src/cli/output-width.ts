import { CommandError, EXIT } from "./io";

/** The width when the output is not a terminal (a pipe, a file, CI's log) and `COLUMNS` is not set. */
export const DEFAULT_WIDTH = 100;
/** The narrowest width the plan is laid out for; a narrower terminal gets lines of this width. */
export const MIN_WIDTH = 40;

/**
 * The columns the plan's text fits in: `COLUMNS` when set (as shells and `ls` honour it; Node's
 * `process.stdout.columns` does not read it), else the terminal's width, else {@link DEFAULT_WIDTH}; never
 * below {@link MIN_WIDTH}.
 * @example outputWidth({ COLUMNS: "120" }, 80) === 120, outputWidth({}, undefined) === 100
 */
export function outputWidth(
  env: Readonly<Record<string, string | undefined>>,
  terminalColumns: number | undefined,
): number {
  const columns = env["COLUMNS"];
  if (columns !== undefined && columns !== "") {
    if (!/^[0-9]+$/.test(columns) || Number(columns) === 0) {
      throw new CommandError(
        `Invalid value for COLUMNS: ${JSON.stringify(columns)}. Allowed: a whole number of columns above 0, or unset.`,
        EXIT.usage,
      );
    }
    return Math.max(MIN_WIDTH, Number(columns));
  }
  const terminal = terminalColumns !== undefined && terminalColumns > 0 ? terminalColumns : DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, terminal);
}
