import { runPlanCommand } from "../../src/cli/plan-command";
import type { Sandbox } from "../../src/sandbox";
import { FAST_RETRY } from "../personio/harness";

/** What `npm run plan` returned and printed, line by line. */
export interface PlanRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/**
 * `npm run plan -- --stack-config FILE ARGS…` in this process against the sandbox, on 2026-11-26, with the
 * Personio client's retries shortened (a failing page fails in milliseconds, with the same message).
 */
export async function runPlanOn(
  sandbox: Sandbox,
  file: string,
  args: readonly string[],
  options: { readonly env?: Record<string, string>; readonly columns?: number } = {},
): Promise<PlanRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPlanCommand(
    ["--stack-config", file, ...args],
    {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: {
        PERSONIO_BASE_URL: sandbox.baseUrl,
        PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret,
        ...options.env,
      },
      now: () => new Date("2026-11-26T10:00:00Z"),
      columns: options.columns,
    },
    undefined,
    { retry: FAST_RETRY },
  );
  return { code, out, err };
}
