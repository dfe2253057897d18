import { spawn } from "node:child_process";
import { EventEmitter, once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { STOP_SIGNALS, stopOnSignals } from "../../src/cli/signals";

describe("stopOnSignals", () => {
  it.each(STOP_SIGNALS)("aborts the stop with %s as its reason, telling the caller first", (signal) => {
    const source = new EventEmitter();
    const stop = new AbortController();
    const told: string[] = [];
    stopOnSignals(source, stop, (name) => told.push(`${name} aborted=${stop.signal.aborted}`));
    source.emit(signal);
    expect(stop.signal.reason).toBe(signal);
    expect(told).toEqual([`${signal} aborted=false`]);
  });
});

const CHILD = path.join(__dirname, "fixtures/signal-child.ts");

describe("a runner stopped by a signal leaves no snapshot behind", () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), "signals-"));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it.each(["SIGHUP", "SIGQUIT", "SIGUSR2", "SIGTERM"] as const)(
    "deletes the snapshot on %s and exits normally",
    async (signal) => {
      // node itself with tsx's loader, not the tsx wrapper: the signal must reach the process that holds the file.
      const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
        env: { ...process.env, PARENT: parent },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      const file = line.toString().trim();
      expect(existsSync(file)).toBe(true);
      child.kill(signal);
      const [code, killedBy] = (await once(child, "exit")) as [number | null, string | null];
      expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
      expect(existsSync(path.dirname(file))).toBe(false);
    },
  );
});
