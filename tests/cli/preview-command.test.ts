import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { runPreviewCommand } from "../../src/cli/preview-command";
import type { StackOps } from "../../src/engine/stack-ops";
import { fixture } from "../runner/fixtures/load";
import { USER_TYPE } from "../../src/contract";
import { pre, userInputs, userUrn } from "../fixtures/engine-events";
import { LEAKY_LINE, PEOPLE, PEOPLE_UPNS, REDACTED_LINE } from "../fixtures/people";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "preview-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run preview --summary-md", () => {
  it.each<[string, (d: string) => string, string]>([
    ["a directory", (d) => d, "is a directory"],
    [
      "in a missing directory",
      (d) => path.join(d, "missing", "summary.md"),
      "is in a directory that does not exist",
    ],
  ])("exits 2 for %s before the stack is opened", async (_, make, why) => {
    const file = make(dir);
    const opened: string[] = [];
    const err: string[] = [];
    const code = await runPreviewCommand(["--stack", "prod", "--summary-md", file], {
      io: { stdout: () => undefined, stderr: (t) => err.push(t), env: {}, now: () => new Date() },
      openStack: (target) => {
        opened.push(target.stackName);
        return Promise.reject(new Error("must not be reached"));
      },
    });
    expect(code).toBe(2);
    expect(err).toEqual([
      `Invalid value for --summary-md: ${JSON.stringify(file)} ${why}. Allowed: a file in an existing, writable directory, a character device or a FIFO.`,
    ]);
    expect(opened).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** A stack whose preview replays the mixed fixture's engine events; nothing else may be called. */
function fixtureStack(): StackOps {
  const unexpected = (): Promise<never> => Promise.reject(new Error("not expected in a preview"));
  return {
    stackName: "prod",
    preview: (onEvent: (event: EngineEvent) => void) => {
      for (const event of fixture("preview-mixed.json")) onEvent(event);
      return Promise.resolve();
    },
    up: unexpected,
    refresh: unexpected,
    lastOutputs: () => Promise.resolve({}),
    lastRefreshAt: unexpected,
    projectConfig: unexpected,
    runningUpdateSince: unexpected,
    lastSuccessAt: unexpected,
    recordSuccess: unexpected,
  };
}

async function preview(argv: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPreviewCommand(argv, {
    io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => new Date(0) },
    openStack: () => Promise.resolve(fixtureStack()),
  });
  return { code, out, err };
}

/** The rows of the summary's table under `heading`, header included. */
function table(markdown: string, heading: string): string[] {
  const rest = markdown.slice(markdown.indexOf(`### ${heading}`)).split("\n");
  const start = rest.findIndex((line) => line.startsWith("|"));
  const end = rest.findIndex((line, i) => i > start && !line.startsWith("|"));
  return rest.slice(start, end === -1 ? undefined : end);
}

describe("npm run preview --show-names", () => {
  it("names employees by id only without the flag", async () => {
    const { code, out, err } = await preview(["--stack", "prod"]);
    expect(code).toBe(2);
    expect(out).toHaveLength(1);
    const markdown = out[0] as string;
    expect(table(markdown, "Disables")).toEqual(["| Employee |", "| --- |", "| 103 |"]);
    expect(table(markdown, "Adoptions")).toEqual(["| Employee |", "| --- |", "| 107 |"]);
    expect(table(markdown, "Changed users").slice(0, 4)).toEqual([
      "| Employee | Operation | Changes |",
      "| --- | --- | --- |",
      "| 102 | update | jobTitle, officeLocation |",
      "| 103 | update | accountEnabled: true → false |",
    ]);
    expect(markdown).not.toContain("@");
    expect(err).toEqual([
      "Guard would refuse: deletes: 2 user deletes/replaces (employees 104, 108) — this project never deletes " +
        "accounts; override with --allow-deletes",
    ]);
  });

  it("lists UPNs and changed values with the flag", async () => {
    const { code, out } = await preview(["--stack", "prod", "--show-names"]);
    expect(code).toBe(2);
    const markdown = out[0] as string;
    expect(table(markdown, "Disables")).toEqual([
      "| Employee | UPN |",
      "| --- | --- |",
      "| 103 | juergen.weber@contoso.com |",
    ]);
    expect(table(markdown, "Changed users").slice(0, 3)).toEqual([
      "| Employee | UPN | Operation | Changes |",
      "| --- | --- | --- | --- |",
      '| 102 | thomas.schmidt@contoso.com | update | jobTitle: "Engineer" → "Senior Engineer"<br>officeLocation: "Munich" → "Berlin" |',
    ]);
    expect(markdown).not.toContain("Employees are shown by Personio id only");
  });

  it("says in --help what the flag shows and that it is for private repositories", async () => {
    const { code, out } = await preview(["--help"]);
    expect(code).toBe(0);
    expect(out).toEqual([
      "Usage: npm run preview -- --stack <name> [--summary-md FILE] [--show-names] [--cwd DIR] [--pulumi-root DIR] " +
        "[--allow-deletes] [--allow-mass-disable] [--allow-mass-leave] [--allow-scope-release] [--max-disables N] [--max-skipped N|P%] [--allow-empty] " +
        "[--allow-shrink] [--min-employee-share 0.9] [--shard-parallelism 2]. With personio-azuread:shards, one summary for all shard stacks. " +
        "The summary names employees by id only; --show-names adds " +
        "UPNs and changed values (only for a private repository: every reader of the repository sees the " +
        "pull-request comment).",
    ]);
  });
});

describe("npm run preview, when the preview fails", () => {
  /** The preview names each of PEOPLE in a user step, then fails with an error line naming them all. */
  function failingStack(): StackOps {
    const unexpected = (): Promise<never> => Promise.reject(new Error("not expected in a preview"));
    return {
      ...fixtureStack(),
      preview: (onEvent: (event: EngineEvent) => void) => {
        for (const person of PEOPLE) {
          const id = String(person.id);
          const upn = PEOPLE_UPNS[id] ?? `${id}@contoso.com`;
          const inputs = userInputs(id, upn, {
            displayName: person.id === 4712 ? "王小明" : `${person.firstName} ${person.lastName}`,
            givenName: person.firstName,
            surname: person.lastName,
            mailNickname: upn.split("@")[0],
          });
          onEvent(pre(userUrn(id), USER_TYPE, "update", { new: { inputs } }) as EngineEvent);
        }
        return Promise.reject(
          new Error(`code: 255\n stderr: azuread:index/user:User (employee-12345):\n    ${LEAKY_LINE}\n`),
        );
      },
      lastOutputs: () => Promise.resolve({ principalNames: PEOPLE_UPNS }),
      projectConfig: unexpected,
    };
  }

  it("prints the cause without the people the preview named, keeping the id, URN and Graph code", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runPreviewCommand(["--stack", "prod"], {
      io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => new Date(0) },
      openStack: () => Promise.resolve(failingStack()),
    });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([`Preview failed: ${REDACTED_LINE}`]);
  });
});
