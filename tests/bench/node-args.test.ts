import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { programNodeArgs } from "../../bench/node-args";

/*
 * Pulumi.yaml's nodeargs: the language host starts the program's Node with them, and the benchmarks start theirs
 * with the same, so the memory they report is the memory a run takes.
 */
describe("the program's Node arguments (Pulumi.yaml runtime.options.nodeargs)", () => {
  it("cap V8's heap growth and widen the young generation", () => {
    expect(programNodeArgs()).toEqual(["--heap-growing-percent=100", "--max-semi-space-size=32"]);
  });

  it("are accepted by this Node: a flag its V8 no longer knows would stop every run before the program", () => {
    const node = spawnSync(process.execPath, [...programNodeArgs(), "-e", "0"], { encoding: "utf8" });
    expect(node.stderr).toBe("");
    expect(node.status).toBe(0);
  });

  it("are split on whitespace as the host splits them, and none without the option", () => {
    const root = mkdtempSync(path.join(tmpdir(), "node-args-"));
    try {
      writeFileSync(
        path.join(root, "Pulumi.yaml"),
        "runtime:\n  name: nodejs\n  options:\n    nodeargs: ' --a  --b=1 '\n",
      );
      expect(programNodeArgs(root)).toEqual(["--a", "--b=1"]);
      writeFileSync(path.join(root, "Pulumi.yaml"), "runtime: nodejs\n");
      expect(programNodeArgs(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
