import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { parseDuration } from "../../src/util/durations";

/** Every manifest in deploy/kubernetes, parsed: what `kubectl apply -f deploy/kubernetes` would send. */
const DIR = path.resolve(__dirname, "../../deploy/kubernetes");
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const manifests: Doc[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(DIR, file), "utf8")).map((doc) => {
      expect(doc.errors).toEqual([]);
      return doc.toJS() as Doc;
    }),
  );
const byKind = (kind: string): Doc => {
  const found = manifests.filter((m) => m["kind"] === kind);
  expect(found).toHaveLength(1);
  return found[0] as Doc;
};
const deployment = byKind("Deployment");
const cronJob = byKind("CronJob");
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

describe("deploy/kubernetes", () => {
  it("holds a ServiceAccount, a Deployment, a Service and a CronJob, each with apiVersion and a name", () => {
    expect(manifests.map((m) => m["kind"]).sort()).toEqual([
      "CronJob",
      "Deployment",
      "Service",
      "ServiceAccount",
    ]);
    for (const m of manifests) {
      expect(typeof m["apiVersion"]).toBe("string");
      expect(m["metadata"]["name"]).toBe("personio-azuread");
    }
  });

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

  it("Deployment: one replica, recreated, liveness on /healthz and readiness on /readyz of the --listen port", () => {
    expect(deployment["spec"]["replicas"]).toBe(1);
    expect(deployment["spec"]["strategy"]).toEqual({ type: "Recreate" });
    const container = deployment["spec"]["template"]["spec"]["containers"][0] as Doc;
    // The image's entrypoint listens on 0.0.0.0:9464 (Dockerfile); the port named here must be that one.
    expect(container["ports"]).toEqual([{ name: "http-ops", containerPort: 9464 }]);
    expect(container["livenessProbe"]["httpGet"]).toEqual({ path: "/healthz", port: "http-ops" });
    expect(container["readinessProbe"]["httpGet"]).toEqual({ path: "/readyz", port: "http-ops" });
    expect(container["command"]).toBeUndefined();
    expect(flag(container, "--once")).toBeUndefined();
  });

  it("CronJob: --once every 30 minutes, never two at a time, no retry of a refused run", () => {
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

  it("Service: selects the Deployment's pods on the ops port", () => {
    const service = byKind("Service");
    expect(service["spec"]["selector"]).toEqual(deployment["spec"]["selector"]["matchLabels"]);
    expect(service["spec"]["ports"]).toEqual([{ name: "http-ops", port: 9464, targetPort: "http-ops" }]);
  });
});
