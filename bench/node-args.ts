import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/**
 * The Node.js arguments the language host gives the program: Pulumi.yaml's `runtime.options.nodeargs`, split as
 * the host splits them (on whitespace). Benchmarks run the program's processes with them, so what they measure
 * is what `pulumi up` runs.
 */
export function programNodeArgs(root = path.resolve(__dirname, "..")): readonly string[] {
  const project = parse(readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
    runtime?: { options?: { nodeargs?: string } };
  };
  const nodeArgs = project.runtime?.options?.nodeargs ?? "";
  return nodeArgs.split(/\s+/).filter((arg) => arg !== "");
}
