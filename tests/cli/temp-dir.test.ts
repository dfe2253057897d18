import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { withTempDir } from "../../src/cli/temp-dir";
import { TempDirError } from "../../src/snapshot";

const ROOT = path.resolve(__dirname, "../..");
const ALLOWED = "Allowed: a writable directory; set TMPDIR to one, or unset it for /tmp.";

describe("withTempDir", () => {
  it("prints the check's one line and exits 2 without loading the command", async () => {
    const err: string[] = [];
    const loaded: string[] = [];
    const io = {
      stdout: () => undefined,
      stderr: (t: string) => err.push(t),
      env: {},
      now: () => new Date(),
    };
    const code = await withTempDir(
      io,
      async () => {
        loaded.push("command");
        return 0;
      },
      () => {
        throw new TempDirError("Invalid TMPDIR: /x does not exist (ENOENT).");
      },
    );
    expect({ code, err, loaded }).toEqual({
      code: 2,
      err: ["Invalid TMPDIR: /x does not exist (ENOENT)."],
      loaded: [],
    });
  });
});

describe("a runner script with a missing TMPDIR", () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), "temp-dir-cli-"));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it.each(["reconcile", "preview", "write-back"])(
    "npm run %s prints one line naming TMPDIR and exits 2, no stack trace",
    async (script) => {
      const missing = path.join(parent, "missing");
      // node with tsx's loader, its cache off: tsx itself would otherwise create or need the temp directory.
      const child = spawn(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, "--stack", "prod"], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: missing, TSX_DISABLE_CACHE: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, "close")) as [number];
      expect({ code, stdout, stderr }).toEqual({
        code: 2,
        stdout: "",
        stderr: `Invalid TMPDIR: ${missing} does not exist (ENOENT). ${ALLOWED}\n`,
      });
    },
    30_000,
  );
});
