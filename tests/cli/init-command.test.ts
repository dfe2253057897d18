import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { runInitCommand } from "../../src/cli/init-command";
import { runPlanCommand } from "../../src/cli/plan-command";
import { loadStackFile } from "../../src/cli/stack-config";
import { PersonioClient } from "../../src/personio";
import { loadSampleCompany, type Sandbox, startSandbox } from "../../src/sandbox";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "init-"));
  mkdirSync(path.join(dir, "stacks"));
  file = path.join(dir, "stacks", "Pulumi.prod.yaml");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
  /** What was written to the terminal: the questions, one per element. */
  readonly asked: string[];
}

/** Runs init with these lines typed (all at once, as a pipe brings them), in the temp project. */
async function init(argv: string[], typed: string[], env: Record<string, string> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  const output = new PassThrough();
  const asked: string[] = [];
  output.on("data", (chunk: Buffer) => asked.push(chunk.toString()));
  input.end(typed.map((line) => `${line}\n`).join(""));
  const code = await runInitCommand(["--cwd", dir, ...argv], {
    io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, now: () => new Date(0) },
    input,
    output,
    timeZone: "Europe/Vienna",
  });
  return { code, out, err, asked };
}

const WROTE = () =>
  `Wrote ${file}. Next: pulumi stack init prod; pulumi config set --secret personioClientSecret <secret>; ` +
  "PERSONIO_CLIENT_SECRET=<secret> npm run plan -- --stack-config stacks/Pulumi.prod.yaml";

/** The written file through the loader the plan uses, with the secret the environment would give. */
function loaded() {
  const config = loadStackFile(file, { PERSONIO_CLIENT_SECRET: "s3cret" });
  return {
    clientId: config.personio.clientId,
    loginSchema: config.loginSchema,
    attributeMapping: config.attributeMapping,
    timezone: config.timezone,
    joiners: config.joiners,
  };
}

const DEFAULT_LOGIN = {
  beginning: { attribute: "first_name", use: "entire" },
  separator: ".",
  end: { attribute: "last_name", use: "entire" },
  domain: "contoso.com",
};
const DEFAULT_MAPPING = { jobTitle: "position", department: "department", officeLocation: "office" };

describe("npm run init, asking", () => {
  it("writes a commented stack file from the answers that the stack-config loader reads", async () => {
    // stack, client id, tenant, domain, beginning, use, separator, end, use, zone, days, enable, mapping
    const typed = [
      "",
      "abc123",
      "",
      "Contoso.com",
      "",
      "first_letter",
      "none",
      "",
      "",
      "",
      "14",
      "hireDate",
      "",
    ];
    const run = await init([], typed);
    expect(run).toMatchObject({ code: 0, out: [WROTE()], err: [] });
    expect(run.asked.filter((q) => q.endsWith(": "))).toHaveLength(13);
    expect(run.asked[0]).toBe("Stack name [prod]: ");
    expect(run.asked).toContain("Company time zone (IANA) [Europe/Vienna]: ");
    expect(loaded()).toEqual({
      clientId: "abc123",
      loginSchema: {
        ...DEFAULT_LOGIN,
        beginning: { attribute: "first_name", use: "first_letter" },
        separator: "",
      },
      attributeMapping: DEFAULT_MAPPING,
      timezone: "Europe/Vienna",
      joiners: { createDaysBeforeHire: 14, enableFrom: "hireDate" },
    });
    const text = readFileSync(file, "utf8");
    expect(text).toContain("  # azuread:tenantId: 00000000-0000-0000-0000-000000000000\n");
    expect(text).toContain("  # The company time zone (IANA): accounts are disabled from 00:00 here");
    expect(text.split("\n").filter((line) => line.trimStart().startsWith("#"))).toHaveLength(19);
  });

  it("asks again for an invalid domain, time zone and mapping, naming the value and what is allowed", async () => {
    const typed = ["", "abc123", "", "contoso", "bad..domain", "contoso.com", "", "", "", "", ""];
    typed.push(
      "Europe/Berln",
      "Europe/Berlin",
      "",
      "",
      "jobTitle=nickname",
      "mobile=position",
      "jobTitle=position",
    );
    const run = await init([], typed);
    expect(run.err).toEqual([
      'Invalid value for personio-azuread:loginSchema.domain: "contoso". Allowed: a DNS domain such as contoso.com.',
      'Invalid value for personio-azuread:loginSchema.domain: "bad..domain". Allowed: a DNS domain such as contoso.com.',
      'Invalid value for personio-azuread:timezone: "Europe/Berln". Allowed: an IANA time zone such as Europe/Berlin.',
      'Invalid value for personio-azuread:attributeMapping.jobTitle: "nickname". Allowed: a Personio attribute key: a standard key such as first_name, or dynamic_<n>.',
      expect.stringMatching(
        /^Invalid mapping target in personio-azuread:attributeMapping: "mobile"\. Allowed: an azuread\.User input: /,
      ),
    ]);
    expect(run.code).toBe(0);
    expect(run.asked.filter((q) => q.startsWith("UPN domain"))).toHaveLength(3);
    expect(loaded()).toMatchObject({ timezone: "Europe/Berlin", attributeMapping: { jobTitle: "position" } });
  });

  it("asks again when a question without a default gets Enter", async () => {
    const run = await init(["--client-id", "abc"], ["prod", "", "", "contoso.com", ...Array(9).fill("")]);
    expect(run.err).toEqual(["Missing --domain: the domain of the login names, e.g. --domain contoso.com."]);
    expect(run.code).toBe(0);
  });

  it("takes a flag as the answer and does not ask its question", async () => {
    const run = await init(
      ["--domain", "fabrikam.com", "--end", "none"],
      ["", "abc", "", "", "", "", "", "", "", ""],
    );
    expect(run.code).toBe(0);
    expect(run.asked.filter((q) => q.startsWith("UPN domain"))).toEqual([]);
    expect(run.asked.filter((q) => q.startsWith("… all of it"))).toHaveLength(1);
    expect(loaded().loginSchema).toEqual({ ...DEFAULT_LOGIN, end: null, domain: "fabrikam.com" });
  });

  it("fails with exit 2 and writes nothing when the input ends early", async () => {
    const run = await init([], ["prod", "abc"]);
    expect(run).toMatchObject({
      code: 2,
      out: [],
      err: ["Input ended before every question was answered: nothing written."],
    });
    expect(readdirSync(path.join(dir, "stacks"))).toEqual([]);
  });
});

const YES = ["--yes", "--stack", "prod", "--client-id", "abc123", "--domain", "contoso.com"];

describe("npm run init --yes", () => {
  it("asks nothing and writes flags and defaults", async () => {
    const run = await init([...YES, "--timezone", "America/New_York", "--mapping", "none"], []);
    expect(run).toEqual({ code: 0, out: [WROTE()], err: [], asked: [] });
    expect(loaded()).toEqual({
      clientId: "abc123",
      loginSchema: DEFAULT_LOGIN,
      attributeMapping: {},
      timezone: "America/New_York",
      joiners: { createDaysBeforeHire: null, enableFrom: "created" },
    });
    const values = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
    expect(values).toEqual([
      "config:",
      "  personio-azuread:personio:",
      "    baseUrl: https://api.personio.de # the default",
      '    clientId: "abc123"',
      "  personio-azuread:loginSchema:",
      "    beginning: { attribute: first_name, use: entire }",
      '    separator: "."',
      "    end: { attribute: last_name, use: entire }",
      "    domain: contoso.com",
      "  personio-azuread:attributeMapping: {}",
      "  personio-azuread:timezone: America/New_York",
      "  personio-azuread:joiners:",
      "    createDaysBeforeHire: none",
      "    enableFrom: created",
    ]);
  });

  it("takes the client id from PERSONIO_CLIENT_ID and the tenant from ARM_TENANT_ID", async () => {
    const tenant = "11111111-2222-3333-4444-555555555555";
    const run = await init(["--yes", "--domain", "contoso.com"], [], {
      PERSONIO_CLIENT_ID: "env-id",
      ARM_TENANT_ID: tenant,
    });
    expect(run.code).toBe(0);
    expect(loaded()).toMatchObject({
      clientId: "env-id",
      timezone: "Europe/Vienna",
      attributeMapping: DEFAULT_MAPPING,
    });
    expect(readFileSync(file, "utf8")).toContain(`\n  azuread:tenantId: ${tenant}\n`);
  });

  it.each([
    [
      ["--domain", "bad..domain"],
      'Invalid value for personio-azuread:loginSchema.domain: "bad..domain". Allowed: a DNS domain such as contoso.com.',
    ],
    [
      ["--timezone", "Mars/Olympus"],
      'Invalid value for personio-azuread:timezone: "Mars/Olympus". Allowed: an IANA time zone such as Europe/Berlin.',
    ],
    [
      ["--separator", "/"],
      'Invalid value for personio-azuread:loginSchema.separator: "/". Allowed: ".", "-", "_" or none.',
    ],
    [
      ["--create-days-before-hire", "400"],
      "Invalid value for personio-azuread:joiners.createDaysBeforeHire: 400. Allowed: a whole number of days from 0 to 365, or none.",
    ],
    [
      ["--tenant-id", "contoso"],
      'Invalid value for azuread:tenantId: "contoso". Allowed: a GUID such as 00000000-0000-0000-0000-000000000000, or none.',
    ],
    [
      ["--stack", "../prod"],
      'Invalid value for stack: "../prod". Allowed: a stack name of letters, digits, _ . - (at most 100), e.g. prod.',
    ],
    [
      ["--mapping", "jobTitle"],
      'Invalid value for personio-azuread:attributeMapping: "jobTitle". Allowed: target=key pairs, comma-separated, such as jobTitle=position, or none.',
    ],
  ])("fails with exit 2 and writes nothing for %j", async (flags, line) => {
    const run = await init([...YES, ...flags], []);
    expect(run).toEqual({ code: 2, out: [], err: [line], asked: [] });
    expect(readdirSync(path.join(dir, "stacks"))).toEqual([]);
  });

  it("fails with exit 2 naming the flag of a question without a default", async () => {
    const run = await init(["--yes", "--client-id", "abc"], []);
    expect(run).toEqual({
      code: 2,
      out: [],
      err: ["Missing --domain: the domain of the login names, e.g. --domain contoso.com."],
      asked: [],
    });
  });
});

describe("npm run init never overwrites", () => {
  it.each([
    ["--yes", YES, []],
    ["asking", [], ["prod"]],
  ])("fails with exit 2 naming the file, which stays as it was (%s)", async (_, argv, typed) => {
    writeFileSync(file, "config: {}\n");
    const run = await init(argv, typed);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      `Refusing to overwrite ${file}: it exists. Allowed: a stack name without a file; edit or remove the file instead.`,
    ]);
    expect(readFileSync(file, "utf8")).toBe("config: {}\n");
    expect(readdirSync(path.join(dir, "stacks"))).toEqual(["Pulumi.prod.yaml"]);
  });
});

describe("npm run init with Personio credentials", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ employees: loadSampleCompany() });
  });
  afterAll(() => sandbox.close());

  const env = (secret?: string) => ({
    PERSONIO_BASE_URL: sandbox.baseUrl,
    PERSONIO_CLIENT_ID: sandbox.credentials.clientId,
    PERSONIO_CLIENT_SECRET: secret ?? sandbox.credentials.clientSecret,
  });

  it("lists the attributes the key can read and asks again for a mapping of one it cannot", async () => {
    const typed = ["", "", "", "contoso.com", ...Array(8).fill(""), "mobilePhone=dynamic_99999", ""];
    const run = await init([], typed, env());
    expect(run.code).toBe(0);
    const listed = run.asked.find((text) => text.startsWith("Personio lists "));
    expect(listed).toMatch(/^Personio lists \d+ attributes these credentials can read:\n$/);
    expect(run.asked).toContain("  position  Position\n");
    expect(run.err).toEqual([
      expect.stringMatching(
        /^Invalid value for personio-azuread:attributeMapping\.mobilePhone: "dynamic_99999"\. Allowed: one of the \d+ attributes these Personio credentials can read\.$/,
      ),
    ]);
    expect(loaded()).toMatchObject({
      clientId: sandbox.credentials.clientId,
      attributeMapping: DEFAULT_MAPPING,
    });
  });

  it("writes a file the offline plan runs with against the same Personio", async () => {
    const written = await init(["--yes", "--domain", "contoso.com"], [], env());
    expect(written.code).toBe(0);
    const err: string[] = [];
    const code = await runPlanCommand(["--stack-config", file, "--today", "2026-12-01"], {
      stdout: () => undefined,
      stderr: (text) => err.push(text),
      env: env(),
      now: () => new Date(0),
    });
    expect({ code, err }).toEqual({ code: 0, err: [] });
  });

  it("fails --yes with exit 2 for a login attribute the key cannot read, and writes nothing", async () => {
    const run = await init(["--yes", "--domain", "contoso.com", "--end", "dynamic_99999"], [], env());
    const { credentials, baseUrl } = sandbox;
    const client = new PersonioClient({ baseUrl, ...credentials, appId: "INIT_TEST" });
    const count = (await client.listAttributes()).length;
    expect(run).toEqual({
      code: 2,
      out: [],
      err: [
        `Invalid value for personio-azuread:loginSchema.end.attribute: "dynamic_99999". Allowed: one of the ${count} attributes these Personio credentials can read.`,
      ],
      asked: [],
    });
    expect(readdirSync(path.join(dir, "stacks"))).toEqual([]);
  });

  it("offers the default mapping when Personio refuses the credentials, in one line without the secret", async () => {
    const run = await init(["--yes", "--domain", "contoso.com"], [], env("wrong-secret"));
    expect(run.code).toBe(0);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(
      /^Cannot list the Personio attributes \(.+\): the default mapping is offered\.$/,
    );
    expect(run.err[0]).not.toContain("wrong-secret");
    expect(loaded().attributeMapping).toEqual(DEFAULT_MAPPING);
  });
});
