import * as pulumi from "@pulumi/pulumi";
import { runProgram, type ProgramOutputs } from "../../src/program";
import { type MockWorld, valueOf } from "./mocks";
import { useSampleSandbox } from "./sample-company";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

const BASE = {
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST" },
  ...SAMPLE_CONFIG,
};
const ACCESS_PASS = {
  graph: { temporaryAccessPass: { sender: "it@contoso.com", fallbackRecipient: "it@contoso.com" } },
};
const NOW = new Date("2026-11-26T10:00:00Z");
const USER = "azuread:index/user:User";

const world: MockWorld = { resources: [], invokes: [], tenant: [] };
const sample = useSampleSandbox(world);

let warnings: jest.SpyInstance;
beforeEach(() => {
  warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  world.resources.length = 0;
  world.invokes.length = 0;
  world.tenant = [];
});
afterEach(() => warnings.mockRestore());

let counter = 0;
async function run(config: Record<string, unknown>): Promise<ProgramOutputs> {
  const outputs = await runProgram({
    config,
    env: {
      PERSONIO_BASE_URL: sample.sandbox.baseUrl,
      PERSONIO_CLIENT_SECRET: sample.sandbox.credentials.clientSecret,
    },
    now: NOW,
    newPassword: () => `Random-Password-${++counter}`,
  });
  await valueOf(outputs.principalNames); // resolves only once every account is registered
  return outputs;
}

const passwordsSent = () =>
  world.resources
    .filter((r) => r.type === USER)
    .map((r) => (r.inputs["password"] as { value?: unknown } | undefined)?.value ?? r.inputs["password"]);

describe("the program with a Temporary Access Pass configured", () => {
  it("declares no initialPasswords output, and still gives every new account its own random password", async () => {
    const outputs = await run({ ...BASE, ...ACCESS_PASS });
    expect(Object.keys(outputs)).not.toContain("initialPasswords");
    expect(outputs.initialPasswords).toBeUndefined();
    const passwords = passwordsSent();
    expect(passwords).toHaveLength(63);
    expect(passwords.every((p) => typeof p === "string" && /^Random-Password-\d+$/.test(p))).toBe(true);
    expect(new Set(passwords).size).toBe(63);
  });

  it("keeps the secret initialPasswords output without one", async () => {
    const outputs = await run(BASE);
    expect(Object.keys(outputs)).toContain("initialPasswords");
    expect(await pulumi.isSecret(outputs.initialPasswords ?? pulumi.output({}))).toBe(true);
    expect(Object.keys(await valueOf(outputs.initialPasswords))).toHaveLength(63);
  });
});
