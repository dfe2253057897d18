import { parseArgs } from "node:util";
import { type CommandSpec, helpText, parseArgsOptions, parseFailureLine } from "../../src/util/flag-table";

const SPEC: CommandSpec = {
  usage: "npm run demo -- --in FILE [flags]",
  about: "Reads a file.",
  flags: {
    in: { type: "string", value: "FILE", required: true, description: "the input", example: "a.json" },
    limit: { type: "string", value: "N", default: "10", description: "at most N lines", example: "5" },
    quiet: { type: "boolean", short: "q", description: "print nothing" },
  },
  notes: ["Environment: DEMO_TOKEN."],
  example: "npm run demo -- --in a.json",
};

function failure(argv: string[]): unknown {
  try {
    parseArgs({ args: argv, options: parseArgsOptions(SPEC), strict: true, allowPositionals: false });
  } catch (error) {
    return error;
  }
  throw new Error("parsed");
}

describe("flag table", () => {
  it("makes the parseArgs options, --help included", () => {
    expect(parseArgsOptions(SPEC)).toEqual({
      in: { type: "string" },
      limit: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
    });
  });

  it("makes the help: usage, about, one aligned line per flag with its default and example, notes, example", () => {
    expect(helpText(SPEC).split("\n")).toEqual([
      "Usage: npm run demo -- --in FILE [flags]",
      "Reads a file.",
      "Flags:",
      "  --in FILE    the input; required, no default; e.g. --in a.json",
      "  --limit N    at most N lines; default: 10; e.g. --limit 5",
      "  --quiet, -q  print nothing; default: off",
      "  --help, -h   print this text and exit; default: off",
      "Environment: DEMO_TOKEN.",
      "Example: npm run demo -- --in a.json",
    ]);
  });

  it.each([
    [["--nope"], "Unknown flag --nope. Flags: --in, --limit, --quiet, --help (see --help)."],
    [["-x"], "Unknown flag -x. Flags: --in, --limit, --quiet, --help (see --help)."],
    [["--in"], "Option '--in <value>' argument missing. Usage: npm run demo -- --in FILE [flags]"],
    [["--limit", "-5"], "Option '--limit' argument is ambiguous. Usage: npm run demo -- --in FILE [flags]"],
    [
      ["a.json"],
      expect.stringMatching(/^Unexpected argument 'a\.json'\. .*Usage: npm run demo -- --in FILE \[flags\]$/),
    ],
  ])("says %j in one line", (argv, line) => {
    expect(parseFailureLine(failure(argv), parseArgsOptions(SPEC), SPEC.usage)).toEqual(line);
  });
});
