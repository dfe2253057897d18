import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkTempDir, TempDirError, writeSnapshot } from "../../src/snapshot";
import { tempDirError } from "../../src/snapshot/temp-dir";

const ALLOWED = "Allowed: a writable directory; set TMPDIR to one, or unset it for /tmp.";

describe("checkTempDir", () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), "temp-dir-"));
    writeFileSync(path.join(parent, "a-file"), "");
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it("accepts a writable directory and leaves nothing in it", () => {
    checkTempDir(parent);
    expect(readdirSync(parent)).toEqual(["a-file"]);
  });

  it.each([
    ["missing", "does not exist (ENOENT)"],
    ["a-file", "is not a directory (ENOTDIR)"],
  ])("fails with one line naming TMPDIR when it is %s", (name, why) => {
    const dir = path.join(parent, name);
    expect(() => checkTempDir(dir)).toThrow(new TempDirError(`Invalid TMPDIR: ${dir} ${why}. ${ALLOWED}`));
  });

  it("fails the same way when the snapshot is written into it", () => {
    const dir = path.join(parent, "missing");
    expect(() => writeSnapshot({ version: 1, today: "2026-11-28", employees: [] }, dir)).toThrow(
      new TempDirError(`Invalid TMPDIR: ${dir} does not exist (ENOENT). ${ALLOWED}`),
    );
  });
});

describe("tempDirError", () => {
  it.each([
    ["EACCES", "is not writable (EACCES)"],
    ["EPERM", "is not writable (EPERM)"],
    ["EROFS", "is not writable (read-only file system) (EROFS)"],
    ["ENOSPC", "cannot be written (ENOSPC)"],
  ])("says what %s means for the directory", (code, why) => {
    expect(tempDirError("/var/tmp/x", Object.assign(new Error("x"), { code })).message).toBe(
      `Invalid TMPDIR: /var/tmp/x ${why}. ${ALLOWED}`,
    );
  });
});
