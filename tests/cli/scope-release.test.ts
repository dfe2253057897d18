import type { EngineEvent } from "@pulumi/pulumi/automation";
import { runPreviewCommand } from "../../src/cli/preview-command";
import { guardOptions, withScopeRelease } from "../../src/cli/runner-args";
import { SCOPE_RELEASE_ENV } from "../../src/contract";
import type { OperationEnv, StackOps } from "../../src/engine/stack-ops";

/** Records the environment of each operation; a class with a private field, as real stacks may be. */
class RecordingStack implements StackOps {
  readonly stackName = "prod";
  readonly seen: [string, OperationEnv | undefined][] = [];
  readonly #outputs = {};
  async preview(_onEvent: (event: EngineEvent) => void, _signal?: AbortSignal, env?: OperationEnv) {
    this.seen.push(["preview", env]);
  }
  async up(_onEvent: (event: EngineEvent) => void, _signal?: AbortSignal, env?: OperationEnv) {
    this.seen.push(["up", env]);
  }
  async refresh() {}
  async lastOutputs() {
    return this.#outputs;
  }
  async lastRefreshAt() {
    return undefined;
  }
  async projectConfig() {
    return {};
  }
  async runningUpdateSince() {
    return undefined;
  }
  async lastSuccessAt() {
    return undefined;
  }
  async recordSuccess() {}
}

const SNAPSHOT = { PERSONIO_AZUREAD_SNAPSHOT: "/tmp/x.json" };

describe("--allow-scope-release", () => {
  it("runs preview and up with the release variable, beside the cycle's own, and leaves the rest alone", async () => {
    const stack = new RecordingStack();
    const wrapped = withScopeRelease(stack, guardOptions({ "allow-scope-release": true }));
    await wrapped.preview(() => undefined, undefined, SNAPSHOT);
    await wrapped.up(() => undefined, undefined, undefined);
    expect(stack.seen).toEqual([
      ["preview", { ...SNAPSHOT, [SCOPE_RELEASE_ENV]: "1" }],
      ["up", { [SCOPE_RELEASE_ENV]: "1" }],
    ]);
    expect(wrapped.stackName).toBe("prod");
    expect(await wrapped.lastOutputs()).toEqual({});
  });

  it("is the stack itself without the flag", () => {
    const stack = new RecordingStack();
    expect(withScopeRelease(stack, guardOptions({}))).toBe(stack);
    expect(guardOptions({}).allowScopeRelease).toBe(false);
  });

  it("is a flag of npm run preview, whose preview then runs with the variable", async () => {
    const stack = new RecordingStack();
    const code = await runPreviewCommand(["--stack", "prod", "--allow-scope-release"], {
      io: { stdout: () => undefined, stderr: () => undefined, env: {}, now: () => new Date(0) },
      openStack: () => Promise.resolve(stack),
    });
    expect(stack.seen).toEqual([["preview", { [SCOPE_RELEASE_ENV]: "1" }]]);
    expect(code).toBe(2);
  });
});
