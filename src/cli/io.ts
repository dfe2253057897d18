/** What a command may touch of the outside world; tests pass their own. */
export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  /** The terminal's width when stdout is one; undefined for a pipe or a file. */
  readonly columns?: number | undefined;
}

/** A failure the user can fix: one line on stderr and this exit status. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Exit statuses shared by the commands. */
export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 2 } as const;

/** The real process: its standard streams, its environment and the system clock. */
export function processIO(env: CommandIO["env"] = process.env): CommandIO {
  return {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env,
    now: () => new Date(),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
}
