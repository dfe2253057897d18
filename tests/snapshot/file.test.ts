import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSnapshot, removeStaleSnapshots, writeSnapshot } from "../../src/snapshot";

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

describe("removeStaleSnapshots", () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), "snapshot-parent-"));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  function leftover(name: string): void {
    mkdirSync(path.join(parent, name), { mode: 0o700 });
    writeFileSync(path.join(parent, name, "snapshot.json"), "{}");
  }

  it("names each snapshot directory after the process that wrote it", () => {
    const file = writeSnapshot({ version: 1, today: "2026-11-28", employees: [] }, parent);
    expect(path.basename(path.dirname(file.path))).toMatch(
      new RegExp(`^personio-azuread-${process.pid}-\\w{6}$`),
    );
    file.dispose();
  });

  it("removes what dead runs and older versions left, keeps live runs' and this run's, and touches nothing else", () => {
    leftover("personio-azuread-111-aaaaaa"); // dead
    leftover("personio-azuread-222-bbbbbb"); // alive
    leftover("personio-azuread-cccccc"); // an older version: no writer recorded
    leftover("personio-azuread-other"); // not ours by name
    leftover("something-else");
    const mine = writeSnapshot({ version: 1, today: "2026-11-28", employees: [] }, parent);
    const alive = (pid: number): boolean => pid === 222;
    expect(removeStaleSnapshots(parent, alive)).toBe(2);
    expect(readdirSync(parent).sort()).toEqual(
      [
        path.basename(path.dirname(mine.path)),
        "personio-azuread-222-bbbbbb",
        "personio-azuread-other",
        "something-else",
      ].sort(),
    );
    mine.dispose();
  });

  it("removes nothing when the temp directory cannot be read", () => {
    expect(removeStaleSnapshots(path.join(parent, "missing"))).toBe(0);
  });
});
