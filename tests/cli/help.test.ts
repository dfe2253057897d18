import { readFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { runAttributesCommand } from "../../src/cli/attributes-command";
import { runDoctorCommand } from "../../src/cli/doctor-command";
import { runExportTenantCommand } from "../../src/cli/export-tenant-command";
import { runGraphCommand } from "../../src/cli/graph-command";
import { runInitCommand } from "../../src/cli/init-command";
import type { CommandIO } from "../../src/cli/io";
import { runPlanCommand } from "../../src/cli/plan-command";
import { runPreviewCommand } from "../../src/cli/preview-command";
import { runReconcileCommand } from "../../src/cli/reconcile-command";
import { runShardsCommand } from "../../src/cli/shards-command";
import { startFlags } from "../../src/cli/start-flags";
import { runWriteBackCommand } from "../../src/cli/write-back-command";
import { parseSandboxArgs, SANDBOX_USAGE } from "../../src/sandbox";
import { systemClock } from "../../src/util/clock";

/** What a command printed and returned for one command line. */
interface Run {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

const unreachable = () => Promise.reject(new Error("must not be reached"));

/** Every npm command that takes flags, by its script name in package.json, run in-process on fakes. */
const COMMANDS: Record<string, (argv: string[], io: CommandIO) => Promise<number> | number> = {
  start: (argv, io) => startFlags(argv, io) ?? 0,
  plan: (argv, io) => runPlanCommand(argv, io),
  reconcile: (argv, io) =>
    runReconcileCommand(argv, {
      io,
      openStack: unreachable,
      clock: systemClock,
      wallNow: () => 0,
      random: () => 0,
      stop: new AbortController().signal,
    }),
  preview: (argv, io) => runPreviewCommand(argv, { io, openStack: unreachable }),
  "write-back": (argv, io) => runWriteBackCommand(argv, { io, openStack: unreachable }),
  graph: (argv, io) => runGraphCommand(argv, { io }),
  "export-tenant": (argv, io) => runExportTenantCommand(argv, { io }),
  shards: (argv, io) => runShardsCommand(argv, io),
  doctor: (argv, io) => runDoctorCommand(argv, { io }),
  attributes: (argv, io) => runAttributesCommand(argv, { io }),
  init: (argv, io) => runInitCommand(argv, { io, input: Readable.from([]), output: new PassThrough() }),
  // scripts/sandbox.ts prints SANDBOX_USAGE for --help and a CliError's message with exit 2.
  sandbox: (argv, io) => {
    try {
      if (!parseSandboxArgs(argv).help) return 1;
      io.stdout(SANDBOX_USAGE);
      return 0;
    } catch (error) {
      io.stderr((error as Error).message);
      return 2;
    }
  },
};

async function run(name: string, argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = {
    stdout: (text) => out.push(...text.split("\n")),
    stderr: (text) => err.push(text),
    env: {},
    now: () => new Date(0),
  };
  const code = await (COMMANDS[name] as (typeof COMMANDS)[string])(argv, io);
  return { code, out, err };
}

/** The flags a help text documents: the first word of each line that starts with "  --". */
function documented(help: readonly string[]): string[] {
  return help.filter((line) => line.startsWith("  --")).map((line) => line.trim().split(/[ ,]/)[0] as string);
}

/** The flags the command's parser accepts, as its unknown-flag line lists them. */
function accepted(line: string): string[] {
  const list = /^Unknown flag --no-such-flag\. Flags: (.*) \(see --help\)\.$/.exec(line)?.[1];
  return list === undefined ? [] : list.split(", ");
}

const NAMES = Object.keys(COMMANDS);

describe("--help and unknown flags on every command", () => {
  it("covers every npm script that runs scripts/*.ts", () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const scripts = Object.entries(pkg.scripts)
      .filter(([, line]) => line.startsWith("tsx scripts/"))
      .map(([name]) => name);
    expect(scripts.filter((name) => !NAMES.includes(name))).toEqual([]);
  });

  it.each(NAMES)("%s --help prints every flag the parser takes, each with its default", async (name) => {
    const help = await run(name, ["--help"]);
    const unknown = await run(name, ["--no-such-flag"]);
    expect(help.code).toBe(0);
    expect(help.err).toEqual([]);
    expect(help.out[0]).toMatch(/^Usage: npm (start|run [a-z-]+) --/);
    expect(help.out.at(-1)).toMatch(/^Example: npm (start|run [a-z-]+)/);
    const flags = documented(help.out);
    expect(flags).toEqual(accepted(unknown.err[0] ?? ""));
    expect(flags).toContain("--help");
    for (const line of help.out.filter((text) => text.startsWith("  --"))) {
      expect(line).toMatch(/; (default: .+|required, no default)(; e\.g\. --[a-z-]+ .+)?$/);
      // A flag that takes a value shows one.
      if (/^ {2}--[a-z-]+ [A-Z]/.test(line)) expect(line).toMatch(/; e\.g\. --[a-z-]+ \S/);
    }
  });

  it.each(NAMES)("%s --no-such-flag fails with exit 2 and one line naming the flags", async (name) => {
    const { code, out, err } = await run(name, ["--no-such-flag"]);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(accepted(err[0] ?? "").length).toBeGreaterThan(1);
  });

  it("-h is --help", async () => {
    expect(await run("plan", ["-h"])).toEqual(await run("plan", ["--help"]));
  });
});
