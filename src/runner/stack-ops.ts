import {
  ConcurrentUpdateError,
  type EngineEvent,
  LocalWorkspace,
  PulumiCommand,
  type Stack,
} from "@pulumi/pulumi/automation";

/** Where the stack lives and which CLI runs it. */
export interface StackTarget {
  /** Stack name as `pulumi stack ls` shows it (`prod`, or `org/project/prod` on Pulumi Cloud). */
  readonly stackName: string;
  /** The project directory (Pulumi.yaml); the CLI reads `stacks/Pulumi.<stack>.yaml` from there. */
  readonly workDir: string;
  /** A directory holding `bin/pulumi`; default: `pulumi` on PATH. */
  readonly pulumiRoot?: string;
  /** Extra environment for the CLI and the program. */
  readonly envVars?: Record<string, string>;
}

/** The stack operations a reconcile cycle needs; the real ones drive the Pulumi CLI through the Automation API. */
export interface StackOps {
  preview(onEvent: (event: EngineEvent) => void, signal?: AbortSignal): Promise<void>;
  up(onEvent: (event: EngineEvent) => void, signal?: AbortSignal): Promise<void>;
  refresh(signal?: AbortSignal): Promise<void>;
  /** The outputs of the last successful update, plain values (secrets left out). */
  lastOutputs(): Promise<Record<string, unknown>>;
  /** When the last successful refresh ended (epoch ms), from the stack's history; undefined if never. */
  lastRefreshAt(): Promise<number | undefined>;
}

/** The stack is being updated by someone else (the CLI's 409 / lock file); the cycle is skipped, not failed. */
export function isLocked(error: unknown): boolean {
  return error instanceof ConcurrentUpdateError;
}

/**
 * Selects an existing stack — never creates one: a mistyped name would otherwise start an empty stack that
 * adopts every account a second time.
 */
export async function openStack(target: StackTarget): Promise<StackOps> {
  const cli = target.pulumiRoot === undefined ? "pulumi on PATH" : `${target.pulumiRoot}/bin/pulumi`;
  const pulumiCommand = await PulumiCommand.get(
    target.pulumiRoot === undefined ? undefined : { root: target.pulumiRoot },
  ).catch(() => {
    throw new Error(
      `Pulumi CLI not found or not runnable: ${cli}. ` +
        "Allowed: the Pulumi CLI 3.174 or later on PATH, or --pulumi-root DIR holding bin/pulumi.",
    );
  });
  const stack = await LocalWorkspace.selectStack(
    { stackName: target.stackName, workDir: target.workDir },
    { pulumiCommand, envVars: target.envVars },
  );
  return automationOps(stack);
}

function automationOps(stack: Stack): StackOps {
  return {
    preview: async (onEvent, signal) => {
      await stack.preview({ onEvent, signal, color: "never" });
    },
    up: async (onEvent, signal) => {
      await stack.up({ onEvent, signal, color: "never" });
    },
    refresh: async (signal) => {
      await stack.refresh({ signal, color: "never" });
    },
    lastOutputs: async () => {
      const outputs = await stack.outputs();
      const plain: Record<string, unknown> = {};
      for (const [key, output] of Object.entries(outputs)) if (!output.secret) plain[key] = output.value;
      return plain;
    },
    lastRefreshAt: async () => {
      const history = await stack.history(50, 1, false);
      const refresh = history.find((entry) => entry.kind === "refresh" && entry.result === "succeeded");
      return refresh?.endTime === undefined ? undefined : new Date(refresh.endTime).getTime();
    },
  };
}
