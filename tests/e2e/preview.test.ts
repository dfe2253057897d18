import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";

/**
 * `pulumi preview` against a real tenant: runs only with PULUMI_E2E=1, the Pulumi CLI on PATH, a selected
 * stack (PULUMI_E2E_STACK) and the tenant's credentials (ARM_* variables) and Personio's (PERSONIO_*).
 * Otherwise it is reported as skipped, with the reason — never as a pass.
 */
const ROOT = path.resolve(__dirname, "../..");
const stack = process.env["PULUMI_E2E_STACK"];

function skipReason(): string | undefined {
  if (process.env["PULUMI_E2E"] !== "1") return "PULUMI_E2E is not 1";
  if (spawnSync("pulumi", ["version"], { encoding: "utf8" }).status !== 0)
    return "the pulumi CLI is not on PATH";
  if (stack === undefined || stack === "") return "PULUMI_E2E_STACK is not set";
  const missing = ["ARM_CLIENT_ID", "PERSONIO_CLIENT_SECRET"].filter((name) => !process.env[name]);
  return missing.length === 0 ? undefined : `${missing.join(", ")} not set`;
}

const reason = skipReason();
if (reason !== undefined) process.stderr.write(`End-to-end preview SKIPPED: ${reason}\n`);

(reason === undefined ? describe : describe.skip)(
  reason === undefined ? "pulumi preview against a real tenant" : `pulumi preview (skipped: ${reason})`,
  () => {
    it("previews without errors and never deletes or replaces a user", () => {
      const output = execFileSync(
        "pulumi",
        ["preview", "--stack", stack as string, "--json", "--non-interactive", "--cwd", ROOT],
        { encoding: "utf8", timeout: 600_000, maxBuffer: 256 * 1024 * 1024 },
      );
      const preview = JSON.parse(output) as { steps?: { op: string; type?: string; urn: string }[] };
      const destructive = (preview.steps ?? []).filter(
        (step) => step.urn.includes("azuread:index/user:User") && ["delete", "replace"].includes(step.op),
      );
      expect(destructive).toEqual([]);
    }, 600_000);
  },
);
