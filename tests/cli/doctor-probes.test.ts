import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DeadlineError, runPulumi, withDeadline } from "../../src/cli/doctor-probes";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "doctor-probes-"));
  mkdirSync(path.join(dir, "bin"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function stub(script: string): void {
  writeFileSync(path.join(dir, "bin", "pulumi"), `#!/bin/sh\n${script}\n`);
  chmodSync(path.join(dir, "bin", "pulumi"), 0o755);
}

describe("runPulumi", () => {
  it("answers the CLI's output", async () => {
    stub('echo "v3.190.0 $1"');
    expect(await runPulumi(dir, ["version"], {}, 5_000)).toEqual({ ok: true, output: "v3.190.0 version\n" });
  });

  it("says the CLI failed with its exit status, never its output", async () => {
    stub("echo 'error: PULUMI_ACCESS_TOKEN=secret' >&2; exit 255");
    expect(await runPulumi(dir, ["whoami", "-v"], {}, 5_000)).toEqual({
      ok: false,
      why: "pulumi whoami -v failed (exit 255)",
    });
  });

  it("kills a CLI that does not answer by its deadline", async () => {
    stub("exec sleep 30");
    expect(await runPulumi(dir, ["version"], {}, 200)).toEqual({
      ok: false,
      why: "pulumi version did not answer within 200 ms",
    });
  });

  it("says where it looked when there is no CLI", async () => {
    const answer = await runPulumi(path.join(dir, "none"), ["version"], {}, 5_000);
    expect(answer).toEqual({ ok: false, why: `${path.join(dir, "none", "bin", "pulumi")} not found` });
  });
});

describe("withDeadline", () => {
  it("answers what the probe answers", async () => {
    expect(await withDeadline("Personio", 5_000, async () => 42)).toBe(42);
  });

  it("aborts the probe and fails naming it at the deadline", async () => {
    let aborted = false;
    const never = (signal: AbortSignal) =>
      new Promise<never>(() => signal.addEventListener("abort", () => (aborted = true)));
    const failure = withDeadline("Entra ID", 50, never);
    await expect(failure).rejects.toThrow(new DeadlineError("Entra ID did not answer within 50 ms"));
    expect(aborted).toBe(true);
  });
});
