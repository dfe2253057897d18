import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runAttributesCommand } from "../../src/cli/attributes-command";
import { generateCompany, type Sandbox, startSandbox } from "../../src/sandbox";
import { SAMPLE_CONFIG, sandboxStackLines, stackFileKeys } from "../fixtures/stack-config";

/** `npm run attributes` against the sandbox over real HTTP. */
let dir: string;
let sandbox: Sandbox | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "attributes-"));
});
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function stackFile(readableAttributes?: string[]): Promise<string> {
  sandbox = await startSandbox({ employees: generateCompany(20, 1), readableAttributes });
  const lines = [
    ...sandboxStackLines(sandbox),
    stackFileKeys({ ...SAMPLE_CONFIG, groups: [{ attribute: "office", groupPrefix: "office-" }] }).trimEnd(),
  ];
  const file = path.join(dir, "Pulumi.prod.yaml");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

async function attributes(argv: string[], env: Record<string, string> = {}, columns?: number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAttributesCommand(argv, {
    io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, now: () => new Date(0) },
    columns,
    personio: { retry: { baseDelayMs: 0, maxDelayMs: 0 } },
  });
  return { code, out, err };
}

describe("npm run attributes", () => {
  it("lists what the key may read with counts and mapping lines, never a value", async () => {
    const file = await stackFile(["first_name", "position", "office", "dynamic_27163", "termination_date"]);
    const result = await attributes(["--stack-config", file]);
    expect(result).toEqual({
      code: 0,
      err: [],
      out: [
        "key               label             type      employees  attributeMapping line",
        "----------------  ----------------  --------  ---------  -------------------------------------------",
        "first_name        First name        standard         20  <input>: first_name  # used by loginSchema…",
        "position          Position          standard         20  jobTitle: position  # mapped",
        "termination_date  Termination date  date              0  <input>: termination_date",
        "office            Office            standard         20  officeLocation: office  # used by groups.0",
        "dynamic_27163     Mobile phone      standard         16  <input>: dynamic_27163",
        "5 attributes readable; 20 employees counted.",
      ],
    });
    const names = generateCompany(20, 1).map((item) => String(item.attributes["first_name"]?.value));
    expect(names.filter((name) => result.out.join("\n").includes(name))).toEqual([]);
    expect(sandbox!.requests.map((r) => r.path)).toEqual([
      "/v1/auth",
      "/v1/company/employees/attributes",
      "/v1/company/employees",
    ]);
  });

  it.each([100, 60])("prints no line over %i characters", async (columns) => {
    const file = await stackFile();
    const result = await attributes(["--stack-config", file], {}, columns);
    expect(result.code).toBe(0);
    expect(result.out).toHaveLength(20);
    expect(Math.max(...result.out.map((line) => [...line].length))).toBeLessThanOrEqual(columns);
    expect(result.out).toContain(
      columns === 100
        ? "dynamic_31001     Employee type     standard         20  <input>: dynamic_31001"
        : "dynamic_31001     Empl…  standard         20  <input>: dyna…",
    );
  });

  it("exits 1 with one line when Personio refuses the credentials, printing no secret", async () => {
    const file = await stackFile();
    const result = await attributes(["--stack-config", file], { PERSONIO_CLIENT_SECRET: "wrong-secret" });
    expect(result.code).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^Personio POST \/v1\/auth: HTTP 401/);
    expect(result.err[0]).not.toContain("wrong-secret");
  });

  it.each([
    [[], "Missing --stack-config FILE: whose credentials to use."],
    [["--stack-config", "no-such.yaml"], "Cannot read stack config"],
    [["--wide"], "Unknown flag --wide. Flags: --stack-config, --help (see --help)."],
  ])("exits 2 with one line for %j", async (argv, start) => {
    const result = await attributes(argv);
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]?.startsWith(start)).toBe(true);
  });
});
