import { execFile } from "node:child_process";
import path from "node:path";
import type { CliAnswer } from "../doctor/pulumi";
import { formatDuration } from "../util/durations";

/** A deadline in words: `200 ms` below a second, else `20 s`, `1 min`. */
function within(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : formatDuration(ms);
}

/** A probe of `npm run doctor` that did not answer within its deadline. */
export class DeadlineError extends Error {
  override readonly name = "DeadlineError";
}

/**
 * `probe` under a deadline: its signal aborts and the promise rejects with a {@link DeadlineError} naming `what`
 * after `ms`, whatever the probe does with the signal.
 */
export async function withDeadline<T>(
  what: string,
  ms: number,
  probe: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineError(`${what} did not answer within ${within(ms)}`));
    }, ms);
  });
  try {
    return await Promise.race([probe(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the Pulumi CLI (`pulumiRoot/bin/pulumi`, else `pulumi` on PATH) with `args`, killed at the deadline; its
 * output or why there is none. The output is parsed, never printed (`whoami` names the user).
 */
export function runPulumi(
  pulumiRoot: string | undefined,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  deadlineMs: number,
): Promise<CliAnswer> {
  const bin = pulumiRoot === undefined ? "pulumi" : path.join(pulumiRoot, "bin", "pulumi");
  const command = `pulumi ${args.join(" ")}`;
  return new Promise((resolve) => {
    execFile(
      bin,
      [...args],
      { timeout: deadlineMs, killSignal: "SIGKILL", env: { ...env }, maxBuffer: 1_000_000 },
      (error, stdout) => {
        if (error === null) return resolve({ ok: true, output: String(stdout) });
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          return resolve({
            ok: false,
            why: `${pulumiRoot === undefined ? "pulumi on PATH" : bin} not found`,
          });
        }
        if (error.killed) {
          return resolve({
            ok: false,
            why: `${command} did not answer within ${within(deadlineMs)}`,
          });
        }
        resolve({ ok: false, why: `${command} failed (exit ${String(error.code ?? error.signal)})` });
      },
    );
  });
}
