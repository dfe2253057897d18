import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSnapshot, writeSnapshot } from "../../src/snapshot";

describe("writeSnapshot", () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), "snapshot-parent-"));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it("writes a 0600 file in a new 0700 directory and removes both on dispose", () => {
    const file = writeSnapshot({ version: 1, today: "2026-11-28", employees: [] }, parent);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file.path)).mode & 0o777).toBe(0o700);
    expect(readSnapshot(file.path)).toEqual({ version: 1, today: "2026-11-28", employees: [] });
    file.dispose();
    file.dispose();
    expect(existsSync(file.path)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("fails with one line naming the file when it is gone", () => {
    expect(() => readSnapshot(path.join(parent, "nope.json"))).toThrow(
      `Cannot read the Personio snapshot ${path.join(parent, "nope.json")}: ENOENT.`,
    );
  });
});
