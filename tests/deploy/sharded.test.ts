import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { checkReconcileArgs } from "../../src/cli/reconcile-command";
import { kustomizeBuild } from "./kustomize";

/** The examples of a sharded cycle over several hosts (issue 24, part C): GitHub Actions and Argo Workflows. */
const ROOT = path.resolve(__dirname, "../..");
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = (file: string): string => readFileSync(path.join(ROOT, file), "utf8");
const GH_FILE = "deploy/github-actions/sharded-reconcile.yml";
const ARGO_FILE = "deploy/kubernetes/sharded/workflow.yaml";
const gh = parse(read(GH_FILE)) as Doc;
const argo = parse(read(ARGO_FILE), { merge: true }) as Doc;
const jobs = gh["jobs"] as Record<string, Doc>;
const steps = (job: Doc): Doc[] => job["steps"] as Doc[];

/** The argv after `npm run --silent reconcile --` in a shell line, the workflow's variables filled in. */
function reconcileArgv(line: string, marker: string): string[] {
  const after = line.slice(line.indexOf(marker) + marker.length).split("&&")[0] as string;
  return after
    .trim()
    .split(/\s+/)
    .map((word) =>
      word.replace(
        /^"\$(STACK|SHARD|NOTIFY_FORMAT)"$/,
        (_, v: string) => ({ STACK: "prod", SHARD: "0", NOTIFY_FORMAT: "teams" })[v] as string,
      ),
    )
    .map((word) => word.replace("{{inputs.parameters.shard}}", "0"));
}

describe("deploy/github-actions/sharded-reconcile.yml", () => {
  it("is a check job, an apply matrix over the check's shard list, and an after-up job", () => {
    expect(Object.keys(jobs)).toEqual(["check", "apply", "after-up"]);
    expect(jobs["check"]?.["outputs"]).toEqual({ shards: "${{ steps.shards.outputs.list }}" });
    expect(jobs["apply"]?.["needs"]).toBe("check");
    expect(jobs["apply"]?.["if"]).toBe("needs.check.result == 'success'");
    expect(jobs["apply"]?.["strategy"]).toEqual({
      "fail-fast": false,
      "max-parallel": 4,
      matrix: { shard: "${{ fromJSON(needs.check.outputs.shards) }}" },
    });
    expect(jobs["after-up"]?.["needs"]).toEqual(["check", "apply"]);
    expect(jobs["after-up"]?.["if"]).toBe("always() && needs.check.result == 'success'");
  });

  it("keeps the bundle one day and hands it (and the shards' results) on as artifacts", () => {
    const uploads = Object.values(jobs).flatMap((job) =>
      steps(job).filter((s) => String(s["uses"]).startsWith("actions/upload-artifact@")),
    );
    expect(uploads.map((s) => [s["with"]["name"], s["with"]["retention-days"]])).toEqual([
      ["checked-bundle", 1],
      ["shard-result-${{ matrix.shard }}", 1],
    ]);
  });

  it("is hardened like .github/workflows/reconcile.yml", () => {
    expect(gh["permissions"]).toEqual({});
    const text = read(GH_FILE);
    for (const line of text.split("\n").filter((l) => /^\s*(- )?uses:/.test(l)))
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    expect(text).not.toContain("ARM_CLIENT_SECRET");
    for (const [, job] of Object.entries(jobs)) {
      expect(job["environment"]).toBe("production");
      expect(job["permissions"]).toEqual({ contents: "read", "id-token": "write" });
      expect(steps(job).some((s) => s["env"]?.["ARM_USE_OIDC"] === "true")).toBe(true);
      for (const step of steps(job).filter((s) => String(s["uses"]).startsWith("actions/checkout@")))
        expect(step["with"]).toEqual({ "persist-credentials": false });
    }
  });

  it("calls reconcile only with flags the command accepts", () => {
    const lines = Object.values(jobs)
      .flatMap((job) => steps(job).map((s) => String(s["run"] ?? "")))
      .filter((r) => r.includes("reconcile --"));
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(() => checkReconcileArgs(reconcileArgv(line, "reconcile --"))).not.toThrow();
  });
});

describe("deploy/kubernetes/sharded/workflow.yaml", () => {
  const spec = argo["spec"]["workflowSpec"] as Doc;
  const templates = Object.fromEntries((spec["templates"] as Doc[]).map((t) => [t["name"], t])) as Record<
    string,
    Doc
  >;

  it("fans out over the check's shard list and in to one after-up", () => {
    expect(argo["kind"]).toBe("CronWorkflow");
    expect(argo["spec"]["concurrencyPolicy"]).toBe("Forbid");
    const tasks = templates["cycle"]?.["dag"]["tasks"] as Doc[];
    expect(tasks.map((t) => [t["name"], t["depends"]])).toEqual([
      ["check", undefined],
      ["apply", "check.Succeeded"],
      ["after-up", "check.Succeeded && (apply.Succeeded || apply.Failed)"],
    ]);
    expect(tasks[1]?.["withParam"]).toBe("{{tasks.check.outputs.parameters.shards}}");
    expect(spec["volumeClaimTemplates"][0]["spec"]["accessModes"]).toEqual(["ReadWriteMany"]);
  });

  it("calls reconcile only with flags the command accepts, every phase on the shared bundle", () => {
    const check = String(templates["check"]?.["container"]["args"][0]);
    const argvs = [
      reconcileArgv(check, "reconcile.js"),
      ...["apply-shard", "after-up"].map((name) =>
        (templates[name]?.["container"]["args"] as string[]).map((a) =>
          a.replace("{{inputs.parameters.shard}}", "0"),
        ),
      ),
    ];
    for (const argv of argvs) {
      expect(() => checkReconcileArgs(argv)).not.toThrow();
      expect(argv).toContain("/bundle/checked");
    }
  });

  it("is an overlay of its own, `kubectl apply -k deploy/kubernetes/sharded`: the base's ServiceAccount and this", () => {
    const built = kustomizeBuild(path.join(ROOT, "deploy/kubernetes/sharded"));
    expect(built.map((doc) => `${doc["kind"]}/${doc["metadata"]["name"]}`)).toEqual([
      "ServiceAccount/personio-azuread",
      "CronWorkflow/personio-azuread-sharded",
    ]);
    expect(spec["serviceAccountName"]).toBe("personio-azuread");
  });
});
