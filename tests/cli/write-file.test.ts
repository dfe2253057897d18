import { spawn } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { outputTarget, writeOutput } from "../../src/cli/write-file";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "write-file-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ALLOWED = "Allowed: a file in an existing, writable directory, a character device or a FIFO.";

async function makeFifo(file: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn("mkfifo", [file], { stdio: "ignore" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`mkfifo exited ${code}`))));
  });
}

describe("outputTarget", () => {
  it("replaces a new or existing regular file", () => {
    const file = path.join(dir, "plan.json");
    expect(outputTarget("json", file)).toEqual({ kind: "replace", file });
    writeFileSync(file, "old");
    expect(outputTarget("json", file)).toEqual({ kind: "replace", file });
  });

  it("replaces the file a symbolic link points to, keeping the link", () => {
    const real = path.join(dir, "real.json");
    writeFileSync(real, "old");
    const link = path.join(dir, "link.json");
    symlinkSync(real, link);
    const target = outputTarget("json", link);
    expect(target).toEqual({ kind: "replace", file: real });
    writeOutput(target, "new");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe("new");
  });

  it("writes /dev/null directly", () => {
    expect(outputTarget("json", "/dev/null")).toEqual({ kind: "direct", file: "/dev/null" });
  });

  it("writes /dev/stdout directly when it is a terminal, a pipe or a file, and refuses a socket", () => {
    // What /dev/stdout is depends on who started this process: a jest worker's stdout is a socket, which
    // Linux will not open by path (ENXIO), so refusing it up front is the one-line answer.
    const stdout = statSync("/dev/stdout");
    if (stdout.isSocket()) {
      expect(() => outputTarget("json", "/dev/stdout")).toThrow(
        `Invalid value for --json: "/dev/stdout" is neither a file, a character device nor a FIFO. ${ALLOWED}`,
      );
    } else {
      expect(outputTarget("json", "/dev/stdout")).toEqual({ kind: "direct", file: "/dev/stdout" });
    }
  });

  it("writes a FIFO directly", async () => {
    const fifo = path.join(dir, "pipe");
    await makeFifo(fifo);
    expect(outputTarget("summary-md", fifo)).toEqual({ kind: "direct", file: fifo });
  });

  it.each<[string, (d: string) => string, string]>([
    ["a directory", (d) => d, "is a directory"],
    [
      "a missing directory",
      (d) => path.join(d, "missing", "plan.json"),
      "is in a directory that does not exist",
    ],
    [
      "a file used as a directory",
      (d) => {
        writeFileSync(path.join(d, "file"), "");
        return path.join(d, "file", "plan.json");
      },
      "is in something that is not a directory",
    ],
    [
      "a dangling link",
      (d) => {
        symlinkSync(path.join(d, "nowhere", "x"), path.join(d, "dangling"));
        return path.join(d, "dangling");
      },
      "is a link to nothing",
    ],
  ])("fails with exit 2 for %s", (_, make, why) => {
    const file = make(dir);
    expect(() => outputTarget("json", file)).toThrow(
      `Invalid value for --json: ${JSON.stringify(file)} ${why}. ${ALLOWED}`,
    );
    try {
      outputTarget("json", file);
    } catch (error) {
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });
});

describe("writeOutput", () => {
  it("writes a new file with mode 0600 and leaves no temporary file", () => {
    const file = path.join(dir, "plan.json");
    writeOutput(outputTarget("json", file), "content\n");
    expect(readFileSync(file, "utf8")).toBe("content\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["plan.json"]);
  });

  it("removes its temporary file when the rename fails", () => {
    const file = path.join(dir, "plan.json");
    const target = outputTarget("json", file);
    mkdirSync(file);
    writeFileSync(path.join(file, "inside"), "");
    expect(() => writeOutput(target, "personal data")).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(["plan.json"]);
  });

  it("removes its temporary file when the write fails", () => {
    const sub = path.join(dir, "sub");
    mkdirSync(sub);
    const target = outputTarget("json", path.join(sub, "plan.json"));
    rmSync(sub, { recursive: true });
    expect(() => writeOutput(target, "personal data")).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("writes into a FIFO without replacing it", async () => {
    const fifo = path.join(dir, "pipe");
    await makeFifo(fifo);
    const reader = spawn("cat", [fifo]);
    // Opening a FIFO blocks until its reader has opened it: start writing only once `cat` runs.
    await new Promise((resolve) => reader.once("spawn", resolve));
    let read = "";
    reader.stdout.on("data", (chunk: Buffer) => (read += chunk.toString("utf8")));
    const ended = new Promise((resolve) => reader.on("close", resolve));
    writeOutput(outputTarget("json", fifo), "through the pipe\n");
    await ended;
    expect(read).toBe("through the pipe\n");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  }, 30_000);

  it("leaves /dev/null a character device", () => {
    writeOutput(outputTarget("json", "/dev/null"), "discarded");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});
