import * as pulumi from "@pulumi/pulumi";
import { userUrn, groupUrn } from "../../src/contract";
import { type ProgramOutputs, runProgram } from "../../src/program";
import { PersonioDirectory, type PersonioDirectoryArgs } from "../../src/package";
import { argsOfStackConfig, ownStackOptions, stackOutputsOf } from "../../src/package/own-program";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { fakeDateOnly } from "./date-only";
import { type MockWorld, type Registered, valueOf } from "../program/mocks";
import { useSampleSandbox } from "../program/sample-company";
import { FAST_RETRY } from "../personio/harness";

const NOW = new Date("2026-11-26T10:00:00Z");
const USER = "azuread:index/user:User";
const GROUP = "azuread:index/group:Group";
const PREFIX = "urn:pulumi:test::personio-azuread::";
const SCOPE = { stack: "test", project: "personio-azuread" };
const SETTINGS = {
  ...SAMPLE_CONFIG,
  groups: [
    { attribute: "department", value: "Sales", group: "sg-sales" },
    { attribute: "department", groupPrefix: "dept-" },
  ],
};

const world: MockWorld = { resources: [], invokes: [], tenant: [] };
const sample = useSampleSandbox(world);
let warnings: jest.SpyInstance;

beforeEach(() => {
  warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  world.resources.length = 0;
  fakeDateOnly(NOW);
});
afterEach(() => {
  jest.useRealTimers();
  warnings.mockRestore();
});

/** The stack config as a stack file holds it, the sandbox as Personio. */
const stackConfig = () => ({
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST", baseUrl: sample.sandbox.baseUrl },
  personioClientSecret: sample.sandbox.credentials.clientSecret,
  ...SETTINGS,
});

/** What the program declared before this package: `runProgram` as index.ts called it. */
async function programBefore(): Promise<ProgramOutputs> {
  const outputs = await runProgram({ config: stackConfig(), env: {}, now: NOW, newPassword: () => "pw" });
  await valueOf(outputs.initialPasswords);
  await registered();
  return outputs;
}

/** What index.ts declares now: one PersonioDirectory, the program's own. */
async function programAfter(): Promise<ProgramOutputs> {
  const directory = new PersonioDirectory(
    "personio",
    argsOfStackConfig(stackConfig()),
    ownStackOptions({ env: {}, now: NOW, newPassword: () => "pw" }),
  );
  const outputs = await stackOutputsOf(directory);
  await valueOf(outputs.initialPasswords);
  await registered();
  return outputs;
}

/** Every registration done. */
const registered = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

/** A resource's URN as the engine derives it: the parent's types (the root stack's left out), its type, its name. */
function urnOf(resource: Registered): string {
  const parent = resource.opts?.parent ?? "";
  const types =
    parent === "" || parent.includes("::pulumi:pulumi:Stack::") ? "" : `${parent.split("::")[2]}$`;
  return `${PREFIX}${types}${resource.type}::${resource.name}`;
}

const urns = () => world.resources.map(urnOf).sort();
const declared = (type: string) =>
  world.resources
    .filter((r) => r.type === type)
    .map((r) => ({ name: r.name, inputs: withoutPassword(r.inputs) }))
    .sort((a, b) => a.name.localeCompare(b.name));

function withoutPassword(inputs: Record<string, unknown>): Record<string, unknown> {
  const { password, ...rest } = inputs;
  return password === undefined ? rest : { ...rest, password: "(secret)" };
}

async function resolved(outputs: ProgramOutputs): Promise<Record<string, unknown>> {
  const { initialPasswords, principalNames, ...plain } = outputs;
  return {
    ...plain,
    initialPasswords: await valueOf(initialPasswords),
    principalNames: await valueOf(principalNames),
  };
}

describe("the program as the package's first consumer", () => {
  it("keeps every URN of the stack: the same types, names and parents as before", async () => {
    const before = await resolved(await programBefore());
    const urnsBefore = urns();
    world.resources.length = 0;
    const after = await resolved(await programAfter());
    expect(urns()).toStrictEqual(urnsBefore);
    // Directory, 63 users, Groups, sg-sales and 7 dept- groups.
    expect(urnsBefore).toHaveLength(1 + 63 + 1 + 8);
    expect(urnsBefore).toContain(userUrn(SCOPE, "1"));
    expect(urnsBefore).toContain(groupUrn(SCOPE, "sg-sales"));
    expect(urnsBefore).toContain(`${PREFIX}personio-azuread:index:Directory::personio`);
    expect(urnsBefore).toContain(`${PREFIX}personio-azuread:index:Groups::personio`);
    expect(after).toStrictEqual(before);
  });
  it("fails its stack outputs with Personio's failure, one line, and nothing else", async () => {
    sample.sandbox.setFaults({ serverError: { offset: 0, times: "always" } });
    try {
      const directory = new PersonioDirectory(
        "personio",
        argsOfStackConfig(stackConfig()),
        ownStackOptions({ env: {}, now: NOW, personio: { retry: FAST_RETRY } }),
      );
      const error = await stackOutputsOf(directory).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(pulumi.RunError);
      expect((error as Error).message).toBe(
        "Personio GET /v1/company/employees offset=0: HTTP 500 (after 5 attempts)",
      );
      await registered();
      expect(world.resources.map((r) => [r.type, r.name])).toStrictEqual([
        ["personio-azuread:index:Directory", "personio"],
      ]);
    } finally {
      sample.sandbox.setFaults({});
    }
  }, 30_000);
});

describe("PersonioDirectory, as another program declares it", () => {
  const args = () => ({
    ...argsOfStackConfig(stackConfig()),
    personio: {
      clientId: "sandbox-client",
      appId: "PERSONIO_AZUREAD_TEST",
      baseUrl: sample.sandbox.baseUrl,
      clientSecret: pulumi.secret(sample.sandbox.credentials.clientSecret),
    },
  });

  it("declares the same users and groups as the program, under itself", async () => {
    await programBefore();
    const users = declared(USER);
    const groups = declared(GROUP);
    world.resources.length = 0;
    const directory = new PersonioDirectory("acme", args());
    await valueOf(directory.groupIds);
    await registered();
    expect(declared(USER)).toStrictEqual(users);
    expect(declared(GROUP)).toStrictEqual(groups);
    expect(urns()).toContain(`${PREFIX}personio-azuread:index:PersonioDirectory$${USER}::employee-1`);
    expect(urns()).toContain(
      `${PREFIX}personio-azuread:index:PersonioDirectory$personio-azuread:index:Groups$${GROUP}::group-sg-sales`,
    );
    const component = world.resources.find((r) => r.type === "personio-azuread:index:PersonioDirectory");
    expect([component?.name, component?.inputs]).toStrictEqual(["acme", {}]);
  });

  it("outputs the counts, UPNs, object ids and created groups' ids", async () => {
    const program = await programBefore();
    world.resources.length = 0;
    const directory = new PersonioDirectory("acme", args());
    await valueOf(directory.groupIds);
    const objectIds = await valueOf(directory.objectIds);
    const users = world.resources.filter((r) => r.type === USER).map((r) => r.name.replace("employee-", ""));
    expect(objectIds).toStrictEqual(Object.fromEntries(users.map((id) => [id, `obj-employee-${id}`])));
    expect(await valueOf(directory.counts)).toStrictEqual({
      ...program.counts,
      groups: program.groups.groups,
      memberships: program.groups.memberships,
    });
    expect(await valueOf(directory.principalNames)).toStrictEqual(await valueOf(program.principalNames));
    const groups = world.resources.filter((r) => r.type === GROUP);
    expect(await valueOf(directory.groupIds)).toStrictEqual(
      Object.fromEntries(groups.map((g) => [g.inputs["displayName"], `obj-${g.name}`])),
    );
    expect(Object.keys(await valueOf(directory.groupIds))).toContain("sg-sales");
  });

  it("fails in its constructor, before registering anything, on a bad setting: one line naming it", () => {
    const bad = { ...args(), loginSchema: { ...args().loginSchema, separator: "/" } };
    expect(() => new PersonioDirectory("acme", bad as unknown as PersonioDirectoryArgs)).toThrow(
      new pulumi.RunError(
        'Invalid value for personio-azuread:loginSchema.separator: "/". Allowed: ".", "-", "_" or none.',
      ),
    );
    expect(world.resources).toStrictEqual([]);
  });

  it("takes optional settings given as undefined as left out", async () => {
    const directory = new PersonioDirectory("acme", { ...args(), timezone: undefined, groups: undefined });
    expect(await valueOf(directory.counts)).toMatchObject({ managed: 63, groups: 0 });
  });
});
