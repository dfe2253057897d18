import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { runPlanCommand } from "../../src/cli/plan-command";
import { projectConfig } from "../../src/config";
import { runProgram } from "../../src/program";
import { type MockWorld } from "./mocks";
import { useSampleSandbox } from "./sample-company";

/**
 * The plan and the program must accept exactly the same stack config: the same cases go to both, each the
 * way it really arrives (the plan reads the stack file, the program gets the engine's strings).
 */
const LOGIN = `  personio-azuread:loginSchema:
    beginning: { attribute: first_name }
    end: { attribute: last_name }
    domain: contoso.com
`;
const personio = (extra = "") => `  personio-azuread:personio:
    baseUrl: BASE_URL
    clientId: sandbox-client${extra}
`;

const CASES: [string, string, string | undefined][] = [
  ["the minimal config", personio() + LOGIN, undefined],
  [
    "followRenames as a quoted string",
    `${personio() + LOGIN}  personio-azuread:followRenames: "true"\n`,
    undefined,
  ],
  [
    "separator and end none",
    `${personio()}  personio-azuread:loginSchema:\n    beginning: { attribute: email }\n    separator: none\n    end: none\n    domain: contoso.com\n`,
    undefined,
  ],
  [
    "personio: abc",
    `  personio-azuread:personio: abc\n${LOGIN}`,
    'Invalid value for personio-azuread:personio: "abc". Allowed: { baseUrl, clientId, appId }.',
  ],
  ...(
    [
      ["a base URL with a query", "BASE_URL/?debug=1"],
      ["a base URL with a fragment", "BASE_URL#top"],
      ["a base URL with a port out of range", "http://127.0.0.1:70000"],
    ] as const
  ).map(([name, url]): [string, string, string] => [
    name,
    personio().replace("baseUrl: BASE_URL", `baseUrl: "${url}"`) + LOGIN,
    `Invalid value for personio-azuread:personio.baseUrl: "${url}". Allowed: an http(s) URL such as https://api.personio.de, with a port 1-65535 if any, and no query, fragment or credentials.`,
  ]),
  [
    "a numeric client id",
    `  personio-azuread:personio:\n    baseUrl: BASE_URL\n    clientId: 12345\n${LOGIN}`,
    "Invalid value for personio-azuread:personio.clientId: 12345. Allowed: a Personio API client id.",
  ],
  [
    "followRenames: yes",
    `${personio() + LOGIN}  personio-azuread:followRenames: yes\n`,
    'Invalid value for personio-azuread:followRenames: "yes". Allowed: true or false.',
  ],
  [
    "an unknown time zone",
    `${personio() + LOGIN}  personio-azuread:timezone: Mars/Olympus\n`,
    'Invalid value for personio-azuread:timezone: "Mars/Olympus". Allowed: an IANA time zone such as Europe/Berlin.',
  ],
  [
    "an unknown key",
    `${personio() + LOGIN}  personio-azuread:loginschema: {}\n`,
    "Unknown key in personio-azuread: personio-azuread:loginschema. Allowed: the personio-azuread keys: personio, personioClientSecret, loginSchema, attributeMapping, timezone, followRenames, groups, writeBack, joiners, graph, shards, scope.",
  ],
  [
    "an app id in lower case",
    personio("\n    appId: acme") + LOGIN,
    'Invalid value for personio-azuread:personio.appId: "acme". Allowed: UPPER_SNAKE_CASE, e.g. ACME_ENTRA_SYNC.',
  ],
];

const world: MockWorld = { resources: [], invokes: [], tenant: [] };
const sample = useSampleSandbox(world);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "parity-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
let warnings: jest.SpyInstance;
beforeEach(() => {
  warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => warnings.mockRestore());

const NOW = new Date("2026-11-26T10:00:00Z");

/** The plan's verdict: undefined when it succeeded, else its one line (a config error exits 2). */
async function planVerdict(stack: string, env: Record<string, string>): Promise<string | undefined> {
  const file = path.join(dir, "Pulumi.test.yaml");
  writeFileSync(file, stack);
  const err: string[] = [];
  const code = await runPlanCommand(["--stack-config", file], {
    stdout: () => undefined,
    stderr: (t) => err.push(t),
    env,
    now: () => NOW,
  });
  expect([code, err.length]).toEqual(code === 0 ? [0, 0] : [2, 1]);
  return err[0];
}

/** The program's verdict under mocks, given the config as the engine hands it over: strings, objects as JSON. */
async function programVerdict(stack: string, env: Record<string, string>): Promise<string | undefined> {
  const config = (parse(stack) as { config: Record<string, unknown> }).config;
  const engine = Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  world.resources.length = 0;
  try {
    await runProgram({
      config: projectConfig(engine),
      env,
      now: NOW,
      newPassword: () => "Initial-Password-1",
    });
    return undefined;
  } catch (error) {
    expect(world.resources).toEqual([]);
    return (error as Error).message;
  }
}

describe("one config validation for the plan and the program", () => {
  it.each(CASES)("%s", async (_case, body, expected) => {
    const stack = `config:\n${body.replaceAll("BASE_URL", sample.sandbox.baseUrl)}`;
    const env = { PERSONIO_CLIENT_SECRET: sample.sandbox.credentials.clientSecret };
    const message = expected?.replaceAll("BASE_URL", sample.sandbox.baseUrl);
    expect(await planVerdict(stack, env)).toBe(message);
    expect(await programVerdict(stack, env)).toBe(message);
  });

  it("a missing client secret", async () => {
    const stack = `config:\n${(personio() + LOGIN).replaceAll("BASE_URL", sample.sandbox.baseUrl)}`;
    const message =
      "Missing Personio client secret: personio-azuread:personioClientSecret is not set. Allowed: pulumi config set --secret personioClientSecret <secret>, or PERSONIO_CLIENT_SECRET.";
    expect(await planVerdict(stack, {})).toBe(message);
    expect(await programVerdict(stack, {})).toBe(message);
  });
});
