import { LocalWorkspace, type PulumiCommand } from "@pulumi/pulumi/automation";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { shardStackName } from "../contract/shards";
import { automationOps, pulumiCli, type StackOps, type StackTarget } from "./stack-ops";

/**
 * Opens shard `index` of the stack `base` names (`prod` → `prod-3`), creating the shard's stack when it is
 * missing (with the backend's default secrets provider), and gives it the base stack's config: `pulumi config cp`
 * copies every key (secrets re-encrypted by the CLI for the shard, never passed through argv or this process),
 * then the keys the base no longer has are removed. So the program in `prod-3` reads what `prod` says, and learns
 * its shard from `PERSONIO_AZUREAD_SHARD` alone.
 */
export async function openShardStack(base: StackTarget, index: number): Promise<StackOps> {
  const cli = await pulumiCli(base);
  const stackName = shardStackName(base.stackName, index);
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir: base.workDir },
    { pulumiCommand: cli, envVars: { ...base.envVars } },
  );
  const run = cliRunner(cli, base, stack.workspace.envVars);
  await run(["config", "cp", "--stack", base.stackName, "--dest", stackName]);
  const baseKeys = new Set(await configKeys(run, base.stackName));
  const extra = (await configKeys(run, stackName)).filter((key) => !baseKeys.has(key));
  if (extra.length > 0) await stack.workspace.removeAllConfig(stackName, extra);
  return automationOps(stack, cli, { ...base, stackName });
}

type Run = (args: string[]) => Promise<string>;

function cliRunner(cli: PulumiCommand, target: StackTarget, envVars: Record<string, string>): Run {
  return async (args) =>
    (
      await promisify(execFile)(cli.command, args, {
        cwd: target.workDir,
        env: { ...process.env, ...envVars },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 300_000,
      })
    ).stdout;
}

/** The config keys of a stack (`pulumi config --json`, secrets not shown). */
async function configKeys(run: Run, stackName: string): Promise<string[]> {
  return Object.keys(JSON.parse((await run(["config", "--json", "--stack", stackName])) || "{}") as object);
}
