import { type CommandIO, CommandError, EXIT } from "./io";

/** An error class whose message is already the one line to show. */
export type OneLineError = abstract new (...args: never[]) => Error;

/** How a command sorts its failures. */
export interface FailureKinds {
  /** Problems the user fixes in flags or config: their message, exit 2. */
  readonly usage?: readonly OneLineError[];
  /** Failures of what the command depends on (Personio, the stack's outputs): their message, exit 1. */
  readonly failed?: readonly OneLineError[];
  /** The one line for anything else (exit 1), e.g. `Preview failed: <cause>`. */
  readonly otherwise: (error: unknown) => string;
}

/**
 * Prints a command's failure as one line on stderr and returns its exit status: a {@link CommandError}'s own,
 * 2 for a `usage` error, 1 for a `failed` one and for anything else.
 */
export function reportFailure(error: unknown, io: CommandIO, kinds: FailureKinds): number {
  if (error instanceof CommandError) {
    io.stderr(error.message);
    return error.exitCode;
  }
  const isOne = (classes: readonly OneLineError[] = []) => classes.some((kind) => error instanceof kind);
  if (error instanceof Error && isOne(kinds.usage)) {
    io.stderr(error.message);
    return EXIT.usage;
  }
  if (error instanceof Error && isOne(kinds.failed)) {
    io.stderr(error.message);
    return EXIT.failed;
  }
  io.stderr(kinds.otherwise(error));
  return EXIT.failed;
}
