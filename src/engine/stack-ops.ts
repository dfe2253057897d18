import {
  ConcurrentUpdateError,
  type EngineEvent,
  LocalWorkspace,
  PulumiCommand,
  type Stack,
  StackNotFoundError,
} from "@pulumi/pulumi/automation";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { NAMESPACE, projectConfig } from "../config";
import { employeeTargets, type ObservedOutputs, readStackOutputs, StackOutputsError } from "../contract";

/** The stack tag in which the runner records its last successful cycle, so `--once` runs see each other's. */
export const LAST_SUCCESS_TAG = "personio-azuread:last-success";

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

/** Extra environment for one operation's CLI and program (the cycle's snapshot file). */
export type OperationEnv = Readonly<Record<string, string>>;

/**
 * The Personio ids a targeted preview or `up` is limited to (`--target` per resource of theirs, see
 * `employeeTargets`); absent: the whole stack. The program still runs whole: targets limit the steps, not the work.
 */
export type OnlyEmployees = ReadonlySet<string>;

/** The stack operations a reconcile cycle needs; the real ones drive the Pulumi CLI through the Automation API. */
export interface StackOps {
  readonly stackName: string;
  preview(
    onEvent: (event: EngineEvent) => void,
    signal?: AbortSignal,
    env?: OperationEnv,
    only?: OnlyEmployees,
  ): Promise<void>;
  up(
    onEvent: (event: EngineEvent) => void,
    signal?: AbortSignal,
    env?: OperationEnv,
    only?: OnlyEmployees,
  ): Promise<void>;
  refresh(signal?: AbortSignal): Promise<void>;
  /**
   * The outputs of the last successful update, read without `--show-secrets` (secrets left out) and checked
   * against the contract (`StackOutputsError` on a mismatch); `{}` for a stack never updated.
   */
  lastOutputs(): Promise<ObservedOutputs>;
  /** When the last successful refresh ended (epoch ms), from the stack's history; undefined if never. */
  lastRefreshAt(): Promise<number | undefined>;
  /**
   * The `personio-azuread:*` config, namespace stripped; only the Personio client secret is decrypted, and only
   * when `PERSONIO_CLIENT_SECRET` does not already provide it.
   */
  projectConfig(env: Readonly<Record<string, string | undefined>>): Promise<Record<string, unknown>>;
  /** When the update holding the stack's lock started (epoch ms), if the backend's history says. */
  runningUpdateSince(): Promise<number | undefined>;
  /** The last successful cycle as the runner recorded it (a stack tag), else the last succeeded update. */
  lastSuccessAt(): Promise<number | undefined>;
  /** Records a successful cycle (best effort: a backend without stack tags keeps only the loop's memory). */
  recordSuccess(at: number): Promise<void>;
}

/** The stack is being updated by someone else (the CLI's 409 / lock file). */
export function isLocked(error: unknown): boolean {
  return error instanceof ConcurrentUpdateError;
}

/**
 * The last update's outputs, to compare this run with (the shrink guard's last employee count). An older
 * version of the program may have written them: when they do not have this version's shape they count as
 * absent and `onStale` hears the one-line reason. Failing here instead would wedge the runner after an upgrade,
 * since only the update it refuses to make would rewrite them.
 */
export async function earlierOutputs(
  stack: Pick<StackOps, "lastOutputs">,
  onStale: (message: string) => void,
): Promise<ObservedOutputs> {
  try {
    return await stack.lastOutputs();
  } catch (error) {
    if (!(error instanceof StackOutputsError)) throw error;
    onStale(error.message);
    return {};
  }
}

/** No stack of that name: a usage error (exit 2), never a reason to create one. */
export class UnknownStackError extends Error {
  override readonly name = "UnknownStackError";
}

/**
 * Selects an existing stack — never creates one: a mistyped name would otherwise start an empty stack that
 * adopts every account a second time.
 */
export async function openStack(target: StackTarget): Promise<StackOps> {
  const pulumiCommand = await pulumiCli(target);
  const stack = await LocalWorkspace.selectStack(
    { stackName: target.stackName, workDir: target.workDir },
    { pulumiCommand, envVars: { ...target.envVars } },
  ).catch((error: unknown) => {
    if (error instanceof StackNotFoundError) {
      throw new UnknownStackError(
        `no stack named '${target.stackName}' found in ${target.workDir}. ` +
          "Allowed: an existing stack (pulumi stack ls); the runner never creates one.",
      );
    }
    throw error;
  });
  return automationOps(stack, pulumiCommand, target);
}

/** The CLI `target` names, checked to run (`pulumi version`). */
export async function pulumiCli(target: Pick<StackTarget, "pulumiRoot">): Promise<PulumiCommand> {
  const cli = target.pulumiRoot === undefined ? "pulumi on PATH" : `${target.pulumiRoot}/bin/pulumi`;
  return PulumiCommand.get(target.pulumiRoot === undefined ? undefined : { root: target.pulumiRoot }).catch(
    () => {
      throw new Error(
        `Pulumi CLI not found or not runnable: ${cli}. ` +
          "Allowed: the Pulumi CLI 3.174 or later on PATH, or --pulumi-root DIR holding bin/pulumi.",
      );
    },
  );
}

/** The stack operations of an opened Automation API stack. */
export function automationOps(stack: Stack, cli: PulumiCommand, target: StackTarget): StackOps {
  const workspace = stack.workspace as LocalWorkspace;
  // Plain CLI calls for reads the Automation API only offers with --show-secrets.
  const run = async (args: string[]): Promise<string> =>
    (
      await promisify(execFile)(cli.command, [...args, "--stack", stack.name], {
        cwd: target.workDir,
        env: { ...process.env, ...workspace.envVars },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 300_000,
      })
    ).stdout;
  /** Runs `operation` with `env` added to the workspace's environment, and removed afterwards. */
  const withEnv = async <T>(env: OperationEnv | undefined, operation: () => Promise<T>): Promise<T> => {
    const keys = Object.keys(env ?? {});
    Object.assign(workspace.envVars, env);
    try {
      return await operation();
    } finally {
      for (const key of keys) delete workspace.envVars[key];
    }
  };
  /*
   * Without `targetDependents`: it would add whatever depends on a target — the accounts reporting to the
   * employee (their `managerId`) and the groups listing them — i.e. other employees' pending changes. The engine
   * asks for it only when a target is replaced (delete-before-replace), which the deletes guard refuses anyway.
   */
  const targeting = async (only: OnlyEmployees | undefined): Promise<{ target?: string[] }> =>
    only === undefined
      ? {}
      : {
          target: employeeTargets(
            { stack: stack.name, project: (await workspace.projectSettings()).name },
            only,
          ),
        };
  return {
    stackName: stack.name,
    preview: (onEvent, signal, env, only) =>
      withEnv(env, async () => {
        await stack.preview({ onEvent, signal, color: "never", ...(await targeting(only)) });
      }),
    up: (onEvent, signal, env, only) =>
      withEnv(env, async () => {
        await stack.up({ onEvent, signal, color: "never", ...(await targeting(only)) });
      }),
    refresh: async (signal) => {
      await stack.refresh({ signal, color: "never" });
    },
    lastOutputs: async () => {
      const outputs = JSON.parse((await run(["stack", "output", "--json"])) || "{}") as Record<
        string,
        unknown
      >;
      const plain = Object.fromEntries(Object.entries(outputs).filter(([, value]) => value !== "[secret]"));
      return readStackOutputs(plain) ?? {};
    },
    lastRefreshAt: async () => {
      const history = await stack.history(50, 1, false);
      const refresh = history.find((entry) => entry.kind === "refresh" && entry.result === "succeeded");
      return refresh?.endTime === undefined ? undefined : new Date(refresh.endTime).getTime();
    },
    projectConfig: async (env) => {
      const all = JSON.parse((await run(["config", "--json"])) || "{}") as Record<
        string,
        { value?: string; objectValue?: unknown; secret?: boolean }
      >;
      const raw: Record<string, string> = {};
      for (const [key, entry] of Object.entries(all)) if (entry.value !== undefined) raw[key] = entry.value;
      const secretKey = `${NAMESPACE}:personioClientSecret`;
      if (all[secretKey]?.secret === true && (env["PERSONIO_CLIENT_SECRET"] ?? "") === "") {
        raw[secretKey] = (await stack.getConfig(secretKey)).value;
      } else {
        delete raw[secretKey];
      }
      return projectConfig(raw);
    },
    runningUpdateSince: async () => {
      const history = await stack.history(1, 1, false).catch(() => []);
      const running = history.find((entry) => entry.result === "in-progress");
      return running === undefined ? undefined : new Date(running.startTime).getTime();
    },
    lastSuccessAt: async () => {
      const tag = await stack.getTag(LAST_SUCCESS_TAG).catch(() => "");
      const recorded = Date.parse(tag.trim());
      if (!Number.isNaN(recorded)) return recorded;
      const history = await stack.history(20, 1, false).catch(() => []);
      const update = history.find((entry) => entry.kind === "update" && entry.result === "succeeded");
      return update?.endTime === undefined ? undefined : new Date(update.endTime).getTime();
    },
    recordSuccess: async (at) => {
      await stack.setTag(LAST_SUCCESS_TAG, new Date(at).toISOString());
    },
  };
}
