import type { EngineEvent } from "@pulumi/pulumi/automation";
import { employeesOf, type ObservedOutputs } from "../contract";
import { causeLine } from "../engine/cause-line";
import { previewChanges } from "../engine/preview-changes";
import { evaluateGuards } from "../review/guards";
import { earlierOutputs, type StackOps, type StackTarget, UnknownStackError } from "../engine/stack-ops";
import { peopleInEvents } from "../review/people-in-events";
import { summaryMarkdown } from "../review/summary";
import { managedLogins } from "../runner/known-people";
import { knownNamesRedactor } from "../util/known-names";
import type { GraphApi } from "../graph";
import { reportFailure } from "./failure";
import { previewGraphSummary } from "./preview-graph";
import { type CommandIO, EXIT } from "./io";
import { outputTarget, writeOutput } from "./write-file";
import { GUARD_FLAGS, guardOptions, runnerFlags, STACK_FLAGS, withScopeRelease } from "./runner-args";
import type { CommandSpec } from "./flags";
import { openShardStack } from "../engine/shard-stack";
import { previewShards } from "./preview-shards";
import { SHARD_PARALLELISM_FLAG, shardParallelism, stackShards } from "./shard-count";

const SPEC: CommandSpec = {
  usage: "npm run preview -- --stack <name> [flags]",
  about:
    "A preview of the stack with a Markdown summary for the pull request; with personio-azuread:shards, one summary for all shard stacks. Exit 0 the guards would let up run, 2 they would refuse it or bad flags, 1 the preview failed.",
  flags: {
    ...STACK_FLAGS,
    "summary-md": {
      type: "string",
      value: "FILE",
      default: "none: the summary goes to stdout",
      description: "write the Markdown summary to this file",
      example: "summary.md",
    },
    "show-names": {
      type: "boolean",
      description:
        "add UPNs and changed values to the summary, which names employees by id only (only for a private repository: every reader of the repository sees the pull-request comment)",
    },
    ...GUARD_FLAGS,
    "shard-parallelism": SHARD_PARALLELISM_FLAG,
  },
  example: "npm run preview -- --stack prod --summary-md summary.md",
};

/**
 * `npm run preview`: a preview of the stack with a Markdown summary for the pull request, naming employees by id
 * only unless `--show-names` asks for UPNs and values. Exit status: 0 the guards would let `up` run, 2 they would
 * refuse it, 1 the preview failed. The failure's cause line leaves out, besides what the patterns catch, every
 * person the preview's events named so far and every UPN of the stack's last outputs.
 */
export async function runPreviewCommand(
  argv: readonly string[],
  deps: {
    readonly io: CommandIO;
    readonly openStack: (target: StackTarget) => Promise<StackOps>;
    /** The Graph client for the summary's Graph line; default from the environment. Tests pass one. */
    readonly graphApi?: (env: CommandIO["env"]) => GraphApi;
    /** Opens shard `index` of a sharded stack; default: the real one (created if missing, config copied). */
    readonly openShardStack?: (target: StackTarget, index: number) => Promise<StackOps>;
  },
): Promise<number> {
  const { io } = deps;
  const events: EngineEvent[] = [];
  let outputs: ObservedOutputs = {};
  try {
    const flags = runnerFlags(argv, SPEC, io);
    if (flags === undefined) return EXIT.ok;
    const { values, target } = flags;
    const guards = guardOptions(values);
    const file = values["summary-md"];
    const output = typeof file === "string" ? outputTarget("summary-md", file) : undefined;
    const stack = withScopeRelease(await deps.openStack(target), guards);
    const shards = stackShards(target.workDir, target.stackName);
    const parallelism = shardParallelism(values["shard-parallelism"]);
    const sharded =
      shards > 1
        ? await previewShards(
            stack,
            target,
            shards,
            parallelism,
            io,
            async (shardTarget, index) =>
              withScopeRelease(await (deps.openShardStack ?? openShardStack)(shardTarget, index), guards),
            events,
          )
        : undefined;
    if (sharded === undefined)
      outputs = await earlierOutputs(stack, (reason) => io.stderr(`Earlier outputs ignored: ${reason}`));
    const lastEmployees = sharded?.lastEmployees ?? employeesOf(outputs);
    const changeSet = sharded?.changeSet ?? (await previewChanges(stack, undefined, events));
    const verdict = evaluateGuards(
      { changeSet, employees: employeesOf(changeSet.stackOutputs), lastEmployees },
      guards,
    );
    const graph = await previewGraphSummary(stack, io, deps.graphApi);
    const markdown = summaryMarkdown(changeSet, verdict, {
      stack: target.stackName,
      showNames: values["show-names"] === true,
      ...(graph === undefined ? {} : { graph }),
      ...(sharded === undefined ? {} : { shards: sharded.rows }),
    });
    if (output !== undefined) {
      writeOutput(output, markdown);
      io.stdout(`Summary written to ${file}`);
    } else {
      io.stdout(markdown);
    }
    for (const refusal of verdict.refusals) io.stderr(`Guard would refuse: ${refusal.message}`);
    return verdict.ok ? EXIT.ok : EXIT.refused;
  } catch (error) {
    return reportFailure(error, io, {
      usage: [UnknownStackError],
      otherwise: (cause) => {
        const people = peopleInEvents(events);
        const known = { names: people.names, logins: [...people.logins, ...managedLogins(outputs)] };
        return `Preview failed: ${causeLine(cause, knownNamesRedactor(known))}`;
      },
    });
  }
}
