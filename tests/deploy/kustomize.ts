import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";

export type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The kustomization fields {@link kustomizeBuild} models; any other field is refused, not ignored. */
const MODELLED = ["apiVersion", "kind", "resources"];

/**
 * `kustomize build DIR` for the subset deploy/kubernetes uses: `resources` (manifest files, YAML merge keys
 * resolved, and directories with a kustomization of their own), kustomize's checks included — a base may not
 * contain a kustomization it is reached from (kustomize: "cycle detected"), and no two resources may share kind
 * and name.
 */
export function kustomizeBuild(dir: string, visited: readonly string[] = []): Doc[] {
  const root = path.resolve(dir);
  const cycle = visited.find((seen) => seen === root || seen.startsWith(root + path.sep));
  if (cycle !== undefined) throw new Error(`cycle detected: root ${root} contains visited root ${cycle}`);
  const file = path.join(root, "kustomization.yaml");
  if (!existsSync(file)) throw new Error(`no kustomization.yaml in ${root}`);
  const kustomization = parse(readFileSync(file, "utf8")) as Doc;
  const unmodelled = Object.keys(kustomization).filter((key) => !MODELLED.includes(key));
  if (unmodelled.length > 0) throw new Error(`${file}: fields not modelled here: ${unmodelled.join(", ")}`);
  const built: Doc[] = [];
  for (const resource of (kustomization["resources"] ?? []) as string[]) {
    const target = path.join(root, resource);
    const docs = statSync(target).isDirectory()
      ? kustomizeBuild(target, [...visited, root])
      : parseAllDocuments(readFileSync(target, "utf8"), { merge: true }).map((doc) => {
          if (doc.errors.length > 0) throw new Error(`${target}: ${doc.errors[0]?.message}`);
          return doc.toJS() as Doc;
        });
    for (const doc of docs) {
      if (built.some((other) => resourceId(other) === resourceId(doc)))
        throw new Error(`may not add resource with an already registered id: ${resourceId(doc)}`);
      built.push(doc);
    }
  }
  return built;
}

/** `kubectl kustomize DIR` (kustomize 5 ships inside kubectl), or undefined when kubectl is not installed. */
export function kubectlKustomize(dir: string): Doc[] | undefined {
  const run = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
  if (run.error !== undefined) return undefined;
  if (run.status !== 0) throw new Error(`kubectl kustomize ${dir}: ${run.stderr.split("\n")[0]}`);
  return parseAllDocuments(run.stdout).map((doc) => doc.toJS() as Doc);
}

/** Whether `kubectl` can be run here; a test that needs it is skipped where it is not. */
export const HAS_KUBECTL = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

/** `Kind/name`, what kustomize keys resources by (no namespaces here). */
export function resourceId(doc: Doc): string {
  return `${String(doc["kind"])}/${String(doc["metadata"]?.["name"])}`;
}
