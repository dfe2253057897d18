import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkNewFile, createFileOnce } from "../../src/cli/init-write";
import { CommandError } from "../../src/cli/io";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "init-write-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("createFileOnce", () => {
  it("creates the file whole, mode 0644, and leaves no temporary file", () => {
    const file = path.join(dir, "Pulumi.prod.yaml");
    createFileOnce(file, "config: {}\n");
    expect(readFileSync(file, "utf8")).toBe("config: {}\n");
    expect(statSync(file).mode & 0o777).toBe(0o644 & ~process.umask());
    expect(readdirSync(dir)).toEqual(["Pulumi.prod.yaml"]);
  });

  it("refuses a file made after the check (exit 2), keeps it and leaves no temporary file", () => {
    const file = path.join(dir, "Pulumi.prod.yaml");
    checkNewFile(file);
    writeFileSync(file, "theirs\n");
    expect(() => createFileOnce(file, "ours\n")).toThrow(
      new CommandError(
        `Refusing to overwrite ${file}: it exists. Allowed: a stack name without a file; edit or remove the file instead.`,
        2,
      ),
    );
    expect(readFileSync(file, "utf8")).toBe("theirs\n");
    expect(readdirSync(dir)).toEqual(["Pulumi.prod.yaml"]);
  });

  it("fails the check with exit 2 when the stacks directory is missing", () => {
    const file = path.join(dir, "stacks", "Pulumi.prod.yaml");
    expect(() => checkNewFile(file)).toThrow(
      `Invalid directory for ${file}: ${path.join(dir, "stacks")} does not exist. Allowed: run in the project (it has stacks/), or --cwd DIR.`,
    );
  });
});
