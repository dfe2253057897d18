import { reportFailure } from "../../src/cli/failure";
import { CommandError } from "../../src/cli/io";

class UsageProblem extends Error {}
class Outage extends Error {}

function report(error: unknown): { code: number; err: string[] } {
  const err: string[] = [];
  const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), env: {}, now: () => new Date() };
  const code = reportFailure(error, io, {
    usage: [UsageProblem],
    failed: [Outage],
    otherwise: (cause) => `Thing failed: ${String(cause)}`,
  });
  return { code, err };
}

describe("reportFailure", () => {
  it.each<[string, unknown, number, string]>([
    ["a CommandError with its own status", new CommandError("Missing --stack.", 2), 2, "Missing --stack."],
    ["a usage error", new UsageProblem("Invalid value for x: 1."), 2, "Invalid value for x: 1."],
    ["a failure of a dependency", new Outage("Personio GET /v1: HTTP 500"), 1, "Personio GET /v1: HTTP 500"],
    ["anything else, as the command words it", "boom", 1, "Thing failed: boom"],
  ])("prints %s as one line", (_case, error, code, line) => {
    expect(report(error)).toStrictEqual({ code, err: [line] });
  });
});
