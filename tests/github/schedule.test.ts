import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { DURATION_FLAGS } from "../../src/cli/duration-flags";
import { checkReconcileArgs } from "../../src/cli/reconcile-command";
import { parseDuration } from "../../src/util/durations";
import { UPN_DOMAIN_POLICY } from "../../policy/rules/allowed-domains";

/** Where the suite runs (CI on pushes, not the schedule), how long a scheduled run may take, the policy pack. */
const ROOT = path.resolve(__dirname, "../..");
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = (file: string): string => readFileSync(path.join(ROOT, file), "utf8");
const workflow = (file: string): Doc => parse(read(`.github/workflows/${file}`)) as Doc;
const step = (job: Doc, key: "name" | "id", value: string): Doc =>
  (job["steps"] as Doc[]).find((s) => s[key] === value) as Doc;

/** What a scheduled run spends before its cycle starts (checkout, npm ci, the Pulumi CLI): minutes; 10 allowed. */
const SET_UP_MS = 10 * 60_000;

describe("reconcile.yml: the scheduled cycle", () => {
  const reconcile = workflow("reconcile.yml");
  const job = reconcile["jobs"]["reconcile"] as Doc;
  const line = String(step(job, "name", "Reconcile once")["run"])
    .split("\n")
    .find((l) => l.startsWith("npm run --silent reconcile -- ")) as string;
  /** The runner's argv as the step passes it, the shell variables given example values. */
  const argv = line
    .slice("npm run --silent reconcile -- ".length)
    .replace('"$STACK"', "prod")
    .replace('"$NOTIFY_FORMAT"', "teams")
    .replace("$OVERRIDES", "")
    .split(/\s+/)
    .filter((a) => a !== "");
  const duration = (flag: "cycle-timeout" | "grace"): number => {
    const index = argv.indexOf(`--${flag}`);
    return parseDuration(
      index === -1 ? DURATION_FLAGS[flag].fallback : (argv[index + 1] as string),
    ) as number;
  };

  it("passes flags the runner accepts, --once", () => {
    expect(() => checkReconcileArgs(argv)).not.toThrow();
    expect(argv).toContain("--once");
  });

  it("timeout-minutes is above --cycle-timeout + --grace + set-up: the runner's deadline fires first", () => {
    expect([duration("cycle-timeout"), duration("grace")]).toEqual([25 * 60_000, 5 * 60_000]);
    expect(job["timeout-minutes"]).toBe(40);
    expect(job["timeout-minutes"] * 60_000).toBeGreaterThanOrEqual(
      duration("cycle-timeout") + duration("grace") + SET_UP_MS,
    );
  });

  it("runs no test suite: one job, which waits for nothing, and no step runs the tests", () => {
    expect(Object.keys(reconcile["jobs"] as Doc)).toEqual(["reconcile"]);
    expect(job["needs"]).toBeUndefined();
    const runs = (job["steps"] as Doc[]).map((s) => String(s["run"] ?? ""));
    expect(runs.filter((r) => /npm (run )?test|jest|\.ci\/run|npm run check/.test(r))).toEqual([]);
  });
});

describe("ci.yml: the suite, on pushes", () => {
  const ci = workflow("ci.yml");

  it("runs on every push to main, where the schedule takes its code from, and by hand", () => {
    expect(ci["on"]).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
  });

  it("runs .ci/run (typecheck, lint, format check, the suite) on Node 20 and 24", () => {
    expect(ci["jobs"]["test"]["strategy"]["matrix"]).toEqual({ node: [20, 24] });
    const setup = (ci["jobs"]["test"]["steps"] as Doc[]).find((s) =>
      String(s["uses"]).startsWith("actions/setup-node@"),
    );
    expect(setup?.["with"]).toEqual({ "node-version": "${{ matrix.node }}", cache: "npm" });
    const script = read(".ci/run")
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("#"));
    expect(script.slice(-6)).toEqual([
      "npm ci --no-audit --no-fund",
      "npm run typecheck",
      "npm run lint",
      "npm run format:check",
      "npm test",
      "npm run test:pack",
    ]);
  });

  it("tests the oldest Node that package.json's engines allows", () => {
    const pkg = JSON.parse(read("package.json")) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(">=20.19");
    expect(Math.min(...(ci["jobs"]["test"]["strategy"]["matrix"]["node"] as number[]))).toBe(20);
  });
});

describe("preview.yml: the policy pack", () => {
  const preview = workflow("preview.yml")["jobs"]["preview"] as Doc;
  const policy = step(preview, "id", "policy");

  it("runs pulumi preview with policy/ and its config, after the summarised preview, as the same identity", () => {
    const ids = (preview["steps"] as Doc[]).map((s) => s["id"]).filter((id) => id !== undefined);
    expect(ids).toEqual(["preview", "policy"]);
    expect(policy["env"]).toEqual(step(preview, "id", "preview")["env"]);
    const command = String(policy["run"])
      .split("\n")
      .find((l) => l.startsWith("pulumi preview"));
    expect(command).toBe(
      'pulumi preview --stack "$STACK" --non-interactive --policy-pack policy --policy-pack-config policy/policy-config.json',
    );
  });

  it("the example config configures the policy that needs one", () => {
    expect(Object.keys(JSON.parse(read("policy/policy-config.example.json")) as Doc)).toEqual([
      UPN_DOMAIN_POLICY,
    ]);
  });
});

describe("sharded-reconcile.yml: every phase's job outlives the runner's own deadline", () => {
  const jobs = parse(read("deploy/github-actions/sharded-reconcile.yml"))["jobs"] as Record<string, Doc>;
  const fallback = (flag: "cycle-timeout" | "grace"): number =>
    parseDuration(DURATION_FLAGS[flag].fallback) as number;

  it.each(Object.keys(jobs))("%s: timeout-minutes ≥ default cycle-timeout + grace + set-up", (name) => {
    const job = jobs[name] as Doc;
    const runs = (job["steps"] as Doc[]).map((s) => String(s["run"] ?? "")).join("\n");
    expect(runs).not.toMatch(/--cycle-timeout|--grace/); // the defaults below are the ones in force
    expect(job["timeout-minutes"] * 60_000).toBeGreaterThanOrEqual(
      fallback("cycle-timeout") + fallback("grace") + SET_UP_MS,
    );
  });
});
