import { readdirSync } from "node:fs";
import path from "node:path";
import { checkReconcileArgs } from "../../src/cli/reconcile-command";
import { healthTracker } from "../../src/ops/health";
import { parseDuration } from "../../src/util/durations";
import { HAS_KUBECTL, kubectlKustomize, kustomizeBuild, resourceId, type Doc } from "./kustomize";

/** deploy/kubernetes: a kustomize base and one overlay per way of running, each what `kubectl apply -k` sends. */
const DIR = path.resolve(__dirname, "../../deploy/kubernetes");
const OVERLAYS = ["overlays/loop", "overlays/cron", "sharded"] as const;
const build = (overlay: string): Doc[] => kustomizeBuild(path.join(DIR, overlay));
const only = (docs: Doc[], kind: string): Doc => {
  const found = docs.filter((m) => m["kind"] === kind);
  expect(found).toHaveLength(1);
  return found[0] as Doc;
};
const loop = build("overlays/loop");
const cron = build("overlays/cron");
const deployment = only(loop, "Deployment");
const cronJob = only(cron, "CronJob");
const pods: [string, Doc][] = [
  ["Deployment", deployment["spec"]["template"]["spec"]],
  ["CronJob", cronJob["spec"]["jobTemplate"]["spec"]["template"]["spec"]],
];

/** The value of `--flag` in a container's command and args, or undefined. */
function flag(container: Doc, name: string): string | undefined {
  const argv: string[] = [...(container["command"] ?? []), ...(container["args"] ?? [])];
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
}

describe("deploy/kubernetes: a base and its overlays", () => {
  it("holds no manifest of its own: `kubectl apply -f deploy/kubernetes` applies neither Deployment nor CronJob", () => {
    expect(readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f))).toEqual([]);
    expect(readdirSync(DIR).sort()).toEqual(["base", "overlays", "sharded"]);
  });

  it.each([
    [
      "overlays/loop",
      ["Deployment/personio-azuread", "Service/personio-azuread", "ServiceAccount/personio-azuread"],
    ],
    ["overlays/cron", ["CronJob/personio-azuread", "ServiceAccount/personio-azuread"]],
    ["sharded", ["CronWorkflow/personio-azuread-sharded", "ServiceAccount/personio-azuread"]],
  ])("%s builds to exactly %j", (overlay, ids) => {
    const docs = build(overlay);
    expect(docs.map(resourceId).sort()).toEqual(ids);
    for (const doc of docs) {
      expect(typeof doc["apiVersion"]).toBe("string");
      expect(doc["metadata"]["labels"]).toEqual({ "app.kubernetes.io/name": "personio-azuread" });
    }
  });

  (HAS_KUBECTL ? it.each(OVERLAYS) : it.skip.each(OVERLAYS))(
    "%s: kubectl kustomize (kustomize 5) builds the same resources as this test's model",
    (overlay) => {
      const sorted = (docs: Doc[]): Doc[] =>
        [...docs].sort((a, b) => resourceId(a).localeCompare(resourceId(b)));
      expect(sorted(kubectlKustomize(path.join(DIR, overlay)) ?? [])).toEqual(sorted(build(overlay)));
    },
  );

  it("the model refuses what kustomize refuses: a base that contains its overlay", () => {
    expect(() => kustomizeBuild(path.join(DIR, "base"), [path.join(DIR, "base", "overlay")])).toThrow(
      `cycle detected: root ${path.join(DIR, "base")} contains visited root ${path.join(DIR, "base", "overlay")}`,
    );
  });

  it.each([
    ["overlays/loop", deployment["spec"]["template"]["spec"]],
    ["overlays/cron", cronJob["spec"]["jobTemplate"]["spec"]["template"]["spec"]],
  ])("%s: the pod runs as the ServiceAccount its overlay creates", (overlay, pod) => {
    const account = only(build(overlay), "ServiceAccount");
    expect(pod["serviceAccountName"]).toBe(account["metadata"]["name"]);
    expect(account["automountServiceAccountToken"]).toBe(false);
  });
});

describe("deploy/kubernetes: the pods", () => {
  it.each(pods)(
    "%s: non-root, read-only root filesystem, no privilege escalation, no capabilities",
    (_kind, pod) => {
      expect(pod["securityContext"]).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(pod["automountServiceAccountToken"]).toBe(false);
      expect(pod["containers"]).toHaveLength(1);
      for (const container of pod["containers"] as Doc[]) {
        expect(container["securityContext"]).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
        // What Pulumi writes (plugins, workspaces) and temp files go to emptyDir volumes.
        expect((container["volumeMounts"] as Doc[]).map((v) => v["mountPath"]).sort()).toEqual([
          "/home/node/.pulumi",
          "/tmp",
        ]);
        expect((pod["volumes"] as Doc[]).every((v) => v["emptyDir"] !== undefined)).toBe(true);
      }
    },
  );

  it.each(pods)("%s: credentials only from the Secret, never as literal values", (_kind, pod) => {
    const container = pod["containers"][0] as Doc;
    expect(container["envFrom"]).toEqual([{ secretRef: { name: "personio-azuread" } }]);
    expect(container["env"]).toBeUndefined();
  });

  it.each(pods)("%s: terminationGracePeriodSeconds is longer than --grace", (_kind, pod) => {
    const grace = parseDuration(flag(pod["containers"][0], "--grace") ?? "5m") as number;
    expect(grace).toBe(300_000);
    expect(pod["terminationGracePeriodSeconds"] * 1000).toBeGreaterThan(grace);
  });

  it.each(pods)("%s: the runner accepts every flag the container passes", (_kind, pod) => {
    const container = pod["containers"][0] as Doc;
    expect(() => checkReconcileArgs(container["args"] as string[])).not.toThrow();
  });
});

describe("overlays/loop: Deployment and Service", () => {
  const container = deployment["spec"]["template"]["spec"]["containers"][0] as Doc;

  it("one replica, recreated, the image's entrypoint (which listens on 0.0.0.0:9464), no --once", () => {
    expect(deployment["spec"]["replicas"]).toBe(1);
    expect(deployment["spec"]["strategy"]).toEqual({ type: "Recreate" });
    expect(container["ports"]).toEqual([{ name: "http-ops", containerPort: 9464 }]);
    expect(container["command"]).toBeUndefined();
    expect(flag(container, "--once")).toBeUndefined();
  });

  it("both probes ask whether the process serves (/healthz); the sync's health (/readyz) is no probe", () => {
    expect(container["livenessProbe"]).toEqual({
      httpGet: { path: "/healthz", port: "http-ops" },
      periodSeconds: 30,
      timeoutSeconds: 5,
      failureThreshold: 3,
    });
    expect(container["readinessProbe"]).toEqual({
      httpGet: { path: "/healthz", port: "http-ops" },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 3,
    });
    expect(JSON.stringify(container)).not.toContain("/readyz");
  });

  it("a failing sync keeps /healthz at 200 (the pod stays in its Service) while /readyz says 503", () => {
    const health = healthTracker(() => 2_000, 3 * 3_600_000);
    health.loopRunning(true);
    health.cycleEnded({
      status: "failed",
      durationMs: 1,
      at: 1_000,
      result: { status: "failed", error: "x" },
    });
    expect([health.healthz().status, health.readyz().status]).toEqual([200, 503]);
    health.loopRunning(false);
    expect(health.healthz().status).toBe(503);
  });

  it("the Deployment selects its own pods, and the Service selects them on the ops port", () => {
    const selector = deployment["spec"]["selector"]["matchLabels"] as Doc;
    expect(deployment["spec"]["template"]["metadata"]["labels"]).toMatchObject(selector);
    const service = only(loop, "Service");
    expect(service["spec"]["selector"]).toEqual(selector);
    expect(service["spec"]["ports"]).toEqual([{ name: "http-ops", port: 9464, targetPort: "http-ops" }]);
    expect(deployment["spec"]["template"]["metadata"]["annotations"]).toEqual({
      "prometheus.io/scrape": "true",
      "prometheus.io/port": "9464",
      "prometheus.io/path": "/metrics",
    });
  });
});

describe("overlays/cron: CronJob", () => {
  it("--once every 30 minutes, never two at a time, no retry of a refused run", () => {
    expect(cronJob["spec"]["schedule"]).toBe("*/30 * * * *");
    expect(cronJob["spec"]["concurrencyPolicy"]).toBe("Forbid");
    expect(cronJob["spec"]["jobTemplate"]["spec"]["backoffLimit"]).toBe(0);
    const pod = cronJob["spec"]["jobTemplate"]["spec"]["template"]["spec"] as Doc;
    expect(pod["restartPolicy"]).toBe("Never");
    expect(pod["containers"][0]["args"]).toContain("--once");
    expect(pod["containers"][0]["command"]).toEqual([
      "node",
      "dist/scripts/reconcile.js",
      "--log-format",
      "json",
    ]);
  });

  it("the Job's deadline is above --cycle-timeout + --grace + 5 min to start: the runner's own deadline comes first", () => {
    const container = cronJob["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0] as Doc;
    const cycle = parseDuration(flag(container, "--cycle-timeout") ?? "25m") as number;
    const grace = parseDuration(flag(container, "--grace") ?? "5m") as number;
    expect([cycle, grace]).toEqual([1_500_000, 300_000]);
    const deadlineMs = cronJob["spec"]["jobTemplate"]["spec"]["activeDeadlineSeconds"] * 1000;
    expect(deadlineMs).toBeGreaterThanOrEqual(cycle + grace + 300_000);
  });
});
