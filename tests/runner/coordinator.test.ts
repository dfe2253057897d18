import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runPreviewCommand } from "../../src/cli/preview-command";
import { runReconcileCommand } from "../../src/cli/reconcile-command";
import { openStack } from "../../src/engine/stack-ops";
import { programEvents, userInputs } from "../fixtures/engine-events";
import {
  calls,
  dir,
  EMPLOYEES,
  reconcileDeps,
  ROOT,
  sandbox,
  scenario,
  snapshotsSeen,
  STUB,
  useStubWorld,
} from "./stub-harness";

useStubWorld();

const SHARDS = 4;
/** Each shard counts its own employees: 25 × 4 = the 100 of the stub's single stack. */
const SHARD_COUNTS = {
  employees: 25,
  managed: 15,
  enabled: 15,
  disabled: 0,
  adopted: 0,
  created: 15,
  skipped: 10,
};

/** Shard `shard`'s preview: `n` users updated (department), the first `disabled` of them also disabled. */
function shardUpdates(shard: number, n: number, disabled = 0) {
  return programEvents(
    Array.from({ length: n }, (_, i) => {
      const id = String(1000 * (shard + 1) + i);
      return {
        employeeId: id,
        op: "update",
        old: userInputs(id, `u${id}@contoso.com`, { department: "A" }),
        new: userInputs(id, `u${id}@contoso.com`, { department: "B", accountEnabled: i >= disabled }),
        diffs: i < disabled ? ["accountEnabled", "department"] : ["department"],
      };
    }),
    SHARD_COUNTS,
  );
}

/** The stub's answers per shard stack (`preview@prod-2` …), from `steps(shard)`. */
function perShard(steps: (shard: number) => Record<string, unknown>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (let shard = 0; shard < SHARDS; shard++)
    for (const [command, step] of Object.entries(steps(shard))) answers[`${command}@prod-${shard}`] = step;
  return answers;
}

/** A project whose stack file `prod` says `shards: 4`. */
function shardedProject(): string {
  const project = path.join(dir, "project");
  mkdirSync(path.join(project, "stacks"), { recursive: true });
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
  writeFileSync(
    path.join(project, "stacks", "Pulumi.prod.yaml"),
    `config:\n  personio-azuread:shards: ${SHARDS}\n`,
  );
  return project;
}

/** `reconcile --once --stack prod` in the {@link shardedProject}. */
async function reconcileSharded(extra: string[] = []) {
  const project = shardedProject();
  const out: string[] = [];
  const code = await runReconcileCommand(
    [
      "--stack",
      "prod",
      "--once",
      "--cwd",
      project,
      "--pulumi-root",
      STUB,
      "--refresh-every",
      "never",
      ...extra,
    ],
    reconcileDeps({ stdout: (line) => out.push(line) }),
  );
  return { code, out };
}

/** Every stub call as [command, stack] for the commands a shard runs. */
function shardCalls(command: string): string[] {
  return readFileSync(path.join(dir, "calls.log"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string[])
    .filter((argv) => argv[0] === command)
    .map((argv) => argv[argv.indexOf("--stack") + 1] as string)
    .sort();
}

describe("a coordinator cycle over shard stacks (personio-azuread:shards: 4)", () => {
  it("lists Personio once, previews and applies prod-0 … prod-3, each told its shard", async () => {
    scenario(
      perShard((shard) => ({
        preview: { events: shardUpdates(shard, 2) },
        up: { events: shardUpdates(shard, 2) },
      })),
    );
    const run = await reconcileSharded();
    expect(run.code).toBe(0);
    expect(shardCalls("preview")).toEqual(["prod-0", "prod-1", "prod-2", "prod-3"]);
    expect(shardCalls("up")).toEqual(["prod-0", "prod-1", "prod-2", "prod-3"]);
    const configCopies = readFileSync(path.join(dir, "calls.log"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as string[])
      .filter((argv) => argv[0] === "config" && argv[1] === "cp");
    expect(configCopies.map((argv) => argv.join(" ")).sort()).toEqual(
      [0, 1, 2, 3].map((shard) => `config cp --stack prod --dest prod-${shard}`),
    );
    const seen = snapshotsSeen().filter((s) => s["command"] === "preview" || s["command"] === "up");
    expect(
      seen.map((s) => `${String(s["command"])} ${String(s["stack"])} ${String(s["shard"])}`).sort(),
    ).toEqual([
      "preview prod-0 0/4",
      "preview prod-1 1/4",
      "preview prod-2 2/4",
      "preview prod-3 3/4",
      "up prod-0 0/4",
      "up prod-1 1/4",
      "up prod-2 2/4",
      "up prod-3 3/4",
    ]);
    // One listing: one snapshot file, of every employee, for all eight operations.
    expect(new Set(seen.map((s) => s["path"])).size).toBe(1);
    expect(new Set(seen.map((s) => s["employees"]))).toEqual(new Set([EMPLOYEES.length]));
    expect(run.out.filter((line) => line.includes(" info personio.listed ")).length).toBe(1);
    expect(
      run.out.filter((line) => / info cycle\.applied update=8 shards=0,1,2,3 durationMs=\d+$/.test(line))
        .length,
    ).toBe(1);
  });

  it("refuses (exit 2), applying nothing, when the summed disables pass --max-disables though each shard is under it", async () => {
    scenario(perShard((shard) => ({ preview: { events: shardUpdates(shard, 4, 4) } })));
    const run = await reconcileSharded(["--max-disables", "10"]);
    expect(run.code).toBe(2);
    expect(shardCalls("preview")).toEqual(["prod-0", "prod-1", "prod-2", "prod-3"]);
    expect(shardCalls("up")).toEqual([]);
    expect(run.out.filter((line) => line.includes("warn guard.refused guard=disables"))).toEqual([
      expect.stringContaining(
        'reason="disables: 16 accounts would be disabled, more than the threshold 10 (set by --max-disables); override with --allow-mass-disable"',
      ),
    ]);
  });

  it("reports a shard whose up fails (exit 1): the others applied", async () => {
    scenario({
      ...perShard((shard) => ({
        preview: { events: shardUpdates(shard, 2) },
        up: { events: shardUpdates(shard, 2) },
      })),
      "up@prod-2": { exitCode: 255, stderr: "error: the backend is unreachable\n" },
    });
    const run = await reconcileSharded();
    expect(run.code).toBe(1);
    expect(shardCalls("up")).toEqual(["prod-0", "prod-1", "prod-2", "prod-3"]);
    expect(
      run.out.filter((line) => / info cycle\.applied update=6 shards=0,1,3 durationMs=\d+$/.test(line))
        .length,
    ).toBe(1);
    expect(run.out.filter((line) => line.includes(" error shard.failed shard=2 stack=prod-2 "))).toHaveLength(
      1,
    );
    expect(run.out.filter((line) => line.includes(" error cycle.failed "))).toEqual([
      expect.stringContaining('reason="1 of 4 shards failed to apply (prod-2), the others applied: prod-2: '),
    ]);
  });

  it("previews every shard for the pull request in one comment: the totals and a row per shard with changes", async () => {
    scenario(
      perShard((shard) => ({ preview: { events: shardUpdates(shard, shard === 2 ? 0 : shard + 1) } })),
    );
    const file = path.join(dir, "summary.md");
    const out: string[] = [];
    const code = await runPreviewCommand(
      ["--stack", "prod", "--cwd", shardedProject(), "--pulumi-root", STUB, "--summary-md", file],
      {
        io: {
          stdout: (t) => out.push(t),
          stderr: () => undefined,
          env: { PERSONIO_BASE_URL: sandbox.baseUrl },
          now: () => new Date(),
        },
        openStack,
      },
    );
    expect(code).toBe(0);
    expect(shardCalls("preview")).toEqual(["prod-0", "prod-1", "prod-2", "prod-3"]);
    const markdown = readFileSync(file, "utf8");
    expect(markdown).toContain("| update | 7 |\n| **total** | 7 |");
    expect(markdown).toContain(
      [
        "### Shards",
        "",
        "4 shard stacks; 3 with changes.",
        "",
        "| Stack | Changes |",
        "| --- | --- |",
        "| `prod-0` | update 1 |",
        "| `prod-1` | update 2 |",
        "| `prod-3` | update 4 |",
      ].join("\n"),
    );
    expect(markdown.match(/## Azure AD preview/g)).toHaveLength(1);
  });

  it("refuses --only on a sharded stack (exit 2) before opening any stack", async () => {
    scenario({});
    const run = await reconcileSharded(["--only", "812"]);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([
      "Invalid value for --only: a sharded stack (personio-azuread:shards: 4). Allowed: --only on a stack of one shard; run a whole cycle instead.",
    ]);
    expect(calls()).toEqual([]);
  });
});
