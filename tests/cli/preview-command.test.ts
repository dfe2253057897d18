import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runPreviewCommand } from "../../src/cli/preview-command";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "preview-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run preview --summary-md", () => {
  it.each<[string, (d: string) => string, string]>([
    ["a directory", (d) => d, "is a directory"],
    [
      "in a missing directory",
      (d) => path.join(d, "missing", "summary.md"),
      "is in a directory that does not exist",
    ],
  ])("exits 2 for %s before the stack is opened", async (_, make, why) => {
    const file = make(dir);
    const opened: string[] = [];
    const err: string[] = [];
    const code = await runPreviewCommand(["--stack", "prod", "--summary-md", file], {
      io: { stdout: () => undefined, stderr: (t) => err.push(t), env: {}, now: () => new Date() },
      openStack: (target) => {
        opened.push(target.stackName);
        return Promise.reject(new Error("must not be reached"));
      },
    });
    expect(code).toBe(2);
    expect(err).toEqual([
      `Invalid value for --summary-md: ${JSON.stringify(file)} ${why}. Allowed: a file in an existing, writable directory, a character device or a FIFO.`,
    ]);
    expect(opened).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
