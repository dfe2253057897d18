import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadSampleCompany, type Sandbox, startSandbox } from "../../src/sandbox";
import { displayWidth } from "../../src/util/display-width";
import { SAMPLE_STACK_KEYS } from "../fixtures/stack-config";
import { runPlanOn } from "./plan-run";

/** `npm run plan` fitted to the terminal: COLUMNS, the terminal's width, `--wide`; the JSON plan never changes. */
const STACK = `config:
  personio-azuread:personio:
    clientId: sandbox-client
    appId: PERSONIO_AZUREAD_TEST
${SAMPLE_STACK_KEYS}`;

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ employees: loadSampleCompany({ today: "2026-11-26" }) });
  dir = mkdtempSync(path.join(tmpdir(), "plan-width-"));
  writeFileSync(path.join(dir, "Pulumi.test.yaml"), STACK);
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function plan(args: string[], env: Record<string, string>, columns?: number) {
  const run = await runPlanOn(sandbox, path.join(dir, "Pulumi.test.yaml"), args, {
    env,
    ...(columns === undefined ? {} : { columns }),
  });
  return { code: run.code, lines: run.out.join("\n").split("\n"), err: run.err };
}

const widest = (lines: readonly string[]): number => Math.max(...lines.map(displayWidth));

describe("npm run plan's width", () => {
  it.each([
    ["COLUMNS", { COLUMNS: "80" }, 132, 80],
    ["the terminal's width", {}, 90, 90],
    ["100 when not a terminal", {}, undefined, 100],
  ])("fits %s", async (_case, env, columns, width) => {
    const run = await plan([], env, columns);
    expect(run.code).toBe(0);
    expect(widest(run.lines)).toBeLessThanOrEqual(width);
    expect(widest(run.lines)).toBeGreaterThan(width - 10);
  });

  it("prints every column with --wide, whatever COLUMNS says", async () => {
    const run = await plan(["--wide"], { COLUMNS: "80" });
    expect(run.code).toBe(0);
    expect(run.lines).toContainEqual(
      expect.stringMatching(
        /^│ ID +│ User principal name +│ Display name +│ Enabled +│ Account +│ jobTitle +│ department +│ Manager +│ Next event +│$/,
      ),
    );
  });

  it("writes the same JSON plan at any width and with --wide", async () => {
    const narrow = path.join(dir, "narrow.json");
    const wide = path.join(dir, "wide.json");
    expect((await plan(["--json", narrow], { COLUMNS: "80" })).code).toBe(0);
    expect((await plan(["--json", wide, "--wide"], {})).code).toBe(0);
    expect(readFileSync(narrow, "utf8")).toBe(readFileSync(wide, "utf8"));
    expect(Object.keys(JSON.parse(readFileSync(narrow, "utf8")))).toEqual([
      "today",
      "timezone",
      "users",
      "skipped",
      "warnings",
      "nextEvents",
      "nextDays",
      "summary",
    ]);
  });

  it("fails with exit 2 before Personio is asked when COLUMNS is not a number", async () => {
    sandbox.clearRequests();
    const json = path.join(dir, "bad.json");
    const run = await plan(["--json", json], { COLUMNS: "wide" });
    expect(run).toEqual({
      code: 2,
      lines: [""],
      err: ['Invalid value for COLUMNS: "wide". Allowed: a whole number of columns above 0, or unset.'],
    });
    expect(sandbox.requests).toEqual([]);
    expect(existsSync(json)).toBe(false);
  });
});
