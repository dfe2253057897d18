import { statSync, readFileSync } from "node:fs";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { OperationEnv, StackOps } from "../../src/engine/stack-ops";
import { SNAPSHOT_ENV } from "../../src/snapshot";
import type { SimClock } from "../util/sim-clock";
import { readStackOutputs } from "../../src/contract";

/** How a fake operation behaves: the events it emits (one per tick of `stepMs`), how long it runs, how it fails. */
export interface FakeOp {
  readonly events?: readonly Record<string, unknown>[];
  /** Simulated time per event and at the end. */
  readonly stepMs?: number;
  /** Never ends on its own: only a cancel ends it. */
  readonly hang?: boolean;
  readonly error?: Error;
  /** Goes on emitting after a cancel, as a CLI winding down may. */
  readonly ignoresCancel?: boolean;
}

/** What the fake saw of one operation: its snapshot file as it was while the operation ran. */
export interface SeenSnapshot {
  readonly op: string;
  readonly path: string | undefined;
  readonly mode?: number;
  readonly employees?: number;
}

/** A StackOps on a simulated clock, for cycle tests without a CLI. */
export class FakeStack implements StackOps {
  readonly stackName = "prod";
  readonly calls: string[] = [];
  readonly snapshots: SeenSnapshot[] = [];
  readonly aborted: { op: string; at: number }[] = [];
  readonly successes: number[] = [];
  preview_: FakeOp = {};
  up_: FakeOp = {};
  refresh_: FakeOp = {};
  outputs: Record<string, unknown> = {};
  refreshedAt: number | undefined = undefined;
  updateSince: number | undefined = undefined;

  constructor(private readonly clock: SimClock) {}

  preview(onEvent: (event: EngineEvent) => void, signal?: AbortSignal, env?: OperationEnv): Promise<void> {
    return this.operate("preview", this.preview_, onEvent, signal, env);
  }
  up(onEvent: (event: EngineEvent) => void, signal?: AbortSignal, env?: OperationEnv): Promise<void> {
    return this.operate("up", this.up_, onEvent, signal, env);
  }
  refresh(signal?: AbortSignal): Promise<void> {
    return this.operate("refresh", this.refresh_, () => undefined, signal, undefined);
  }
  /** Checked against the contract like the real stack's outputs. */
  async lastOutputs() {
    this.calls.push("lastOutputs");
    return readStackOutputs(this.outputs) ?? {};
  }
  async lastRefreshAt() {
    return this.refreshedAt;
  }
  async projectConfig() {
    this.calls.push("config");
    return { any: "config" };
  }
  async runningUpdateSince() {
    return this.updateSince;
  }
  async lastSuccessAt() {
    return undefined;
  }
  async recordSuccess(at: number) {
    this.successes.push(at);
  }

  private async operate(
    name: string,
    op: FakeOp,
    onEvent: (event: EngineEvent) => void,
    signal: AbortSignal | undefined,
    env: OperationEnv | undefined,
  ): Promise<void> {
    this.calls.push(name);
    const file = env?.[SNAPSHOT_ENV];
    if (name !== "refresh") {
      this.snapshots.push(
        file === undefined
          ? { op: name, path: undefined }
          : {
              op: name,
              path: file,
              mode: statSync(file).mode & 0o777,
              employees: (JSON.parse(readFileSync(file, "utf8")) as { employees: unknown[] }).employees
                .length,
            },
      );
    }
    let reject: (error: Error) => void = () => undefined;
    const cancelled = new Promise<never>((_, r) => (reject = r));
    const fail = () => {
      this.aborted.push({ op: name, at: this.clock.now() });
      reject(new Error(`code: -2\n stderr: error: ${name} canceled`));
    };
    if (signal?.aborted === true) fail();
    signal?.addEventListener("abort", fail, { once: true });
    cancelled.catch(() => undefined);
    const run = async () => {
      for (const event of op.events ?? []) {
        await this.clock.sleep(op.stepMs ?? 0);
        if (signal?.aborted === true && op.ignoresCancel !== true) return;
        onEvent(event as unknown as EngineEvent);
      }
      await this.clock.sleep(op.stepMs ?? 0);
      if (op.hang === true) await new Promise(() => undefined);
      if (op.error !== undefined) throw op.error;
    };
    try {
      await (op.ignoresCancel === true ? run() : Promise.race([run(), cancelled]));
    } finally {
      signal?.removeEventListener("abort", fail);
    }
  }
}
