import * as pulumi from "@pulumi/pulumi";
import { runProgram, type ProgramOutputs } from "../../src/program";
import { AZUREAD_USER_INPUTS } from "../../src/entra/user-inputs";
import { loadSampleCompany } from "../../src/sandbox";
import { type MockWorld, tenantUser, valueOf } from "./mocks";
import { useSampleSandbox } from "./sample-company";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { FAST_RETRY } from "../personio/harness";

const CONFIG = {
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST" },
  ...SAMPLE_CONFIG,
};
const NOW = new Date("2026-11-26T10:00:00Z");
const USER = "azuread:index/user:User";

const world: MockWorld = { resources: [], invokes: [], tenant: [] };
const sample = useSampleSandbox(world);

afterEach(() => {
  warnings.mockRestore();
});
let warnings: jest.SpyInstance;
beforeEach(() => {
  // Under mocks pulumi.log.warn ends up on console.warn; the tests read it instead of printing it.
  warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  world.resources.length = 0;
  world.invokes.length = 0;
  world.tenant = [];
  sample.sandbox.setFaults({});
});

let passwordCounter = 0;
async function run(config: Record<string, unknown> = CONFIG): Promise<ProgramOutputs> {
  const outputs = await runProgram({
    config,
    env: {
      PERSONIO_BASE_URL: sample.sandbox.baseUrl,
      PERSONIO_CLIENT_SECRET: sample.sandbox.credentials.clientSecret,
    },
    now: NOW,
    newPassword: () => `Initial-Password-${++passwordCounter}`,
    personio: { retry: FAST_RETRY },
  });
  await valueOf(outputs.initialPasswords); // resolves only once every account is registered
  return outputs;
}

/** How a secret input travels to the engine: wrapped with Pulumi's secret signature. */
const secret = (value: unknown) => ({
  [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
  value,
});

const users = () => world.resources.filter((r) => r.type === USER);
const user = (employeeId: string) => users().find((r) => r.name === `employee-${employeeId}`);

describe("the program, under mocks", () => {
  it("declares one azuread.User per desired user under one Directory, with exact inputs", async () => {
    const outputs = await run();
    const components = world.resources.filter((r) => r.type === "personio-azuread:index:Directory");
    expect(components.map((c) => [c.name, c.inputs])).toEqual([["personio", {}]]);
    expect(users()).toHaveLength(63);
    const ceo = user("1");
    expect(ceo?.inputs).toEqual({
      employeeId: "1",
      userPrincipalName: "katharina.vogel@contoso.com",
      displayName: "Katharina Vogel",
      givenName: "Katharina",
      surname: "Vogel",
      mailNickname: "katharina.vogel",
      accountEnabled: true,
      jobTitle: "Chief Executive Officer",
      department: "Management",
      password: secret(expect.stringMatching(/^Initial-Password-\d+$/)),
      forcePasswordChange: true,
    });
    expect(ceo?.importId).toBeUndefined();
    expect(ceo?.opts).toEqual({
      parent: "urn:pulumi:test::personio-azuread::personio-azuread:index:Directory::personio",
      retainOnDelete: true,
      protect: false,
      ignoreChanges: ["password", "forcePasswordChange", "userPrincipalName"],
      additionalSecretOutputs: ["password"],
    });
    expect(outputs.counts).toEqual({
      employees: 69,
      managed: 63,
      enabled: 63,
      disabled: 0,
      adopted: 0,
      created: 63,
      skipped: 6,
    });
    expect(world.invokes).toEqual(["azuread:index/getUsers:getUsers"]);
    expect(warnings.mock.calls.map((call) => String(call[0]))).toEqual([
      "warning: [runtime] employee 8: userPrincipalName: the login name is taken; the employee id is appended",
      "warning: [runtime] employee 9: userPrincipalName: the login name is taken; the employee id is appended",
    ]);
  });

  it("never sends mapped extension attributes to the provider", async () => {
    const attributeMapping = {
      ...CONFIG.attributeMapping,
      extensionAttribute3: "office",
      extensionAttribute5: "position",
    };
    await run({ ...CONFIG, attributeMapping });
    expect(users()).toHaveLength(63);
    const keys = new Set(users().flatMap((u) => Object.keys(u.inputs)));
    expect([...keys].filter((key) => key.startsWith("extension"))).toEqual([]);
    expect(user("1")?.inputs["jobTitle"]).toBe("Chief Executive Officer");
  });

  it("keeps logical names when names change in Personio, and the existing login", async () => {
    const renamed = loadSampleCompany({ today: "2026-11-26" }).map((item) => {
      if (item.attributes["id"]?.value !== 10) return item;
      return {
        ...item,
        attributes: { ...item.attributes, first_name: { ...item.attributes["first_name"], value: "Josef" } },
      };
    });
    sample.sandbox.setEmployees(renamed as typeof renamed);
    world.tenant = [tenantUser("obj-jose", "jose.garcia@contoso.com", "10")];
    try {
      await run();
    } finally {
      sample.sandbox.setEmployees(loadSampleCompany({ today: "2026-11-26" }));
    }
    expect(user("10")?.inputs).toMatchObject({
      givenName: "Josef",
      displayName: "Josef García",
      userPrincipalName: "jose.garcia@contoso.com",
    });
    expect(user("10")?.inputs).not.toHaveProperty("mailNickname");
    expect(user("10")?.importId).toBe("/users/obj-jose");
  });

  it("adopts existing accounts by employeeId and by e-mail, with no password", async () => {
    world.tenant = [
      tenantUser("obj-a", "k.vogel@contoso.com", "1"),
      tenantUser("obj-b", "Anna.Mueller@contoso.com"),
    ];
    const outputs = await run();
    expect(user("1")?.importId).toBe("/users/obj-a");
    expect(user("1")?.inputs).toMatchObject({ userPrincipalName: "k.vogel@contoso.com" });
    expect(user("3")?.importId).toBe("/users/obj-b");
    expect(user("3")?.inputs).toMatchObject({
      userPrincipalName: "Anna.Mueller@contoso.com",
      employeeId: "3",
    });
    for (const id of ["1", "3"]) {
      expect(user(id)?.inputs).not.toHaveProperty("password");
      expect(user(id)?.inputs).not.toHaveProperty("forcePasswordChange");
    }
    expect(outputs.counts).toMatchObject({ managed: 63, adopted: 2, created: 61 });
    const passwords = await valueOf(outputs.initialPasswords);
    expect(Object.keys(passwords)).toHaveLength(61);
    expect(passwords).not.toHaveProperty("1");
    expect(passwords).not.toHaveProperty("3");
    expect(passwords["2"]).toMatch(/^Initial-Password-\d+$/);
  });

  it("adopts an account whose mail alias differs from its UPN without sending mailNickname", async () => {
    world.tenant = [{ ...tenantUser("obj-anna", "anna.mueller@contoso.com", "3"), mailNickname: "amueller" }];
    await run();
    expect(user("3")?.importId).toBe("/users/obj-anna");
    expect(user("3")?.inputs).toEqual({
      employeeId: "3",
      userPrincipalName: "anna.mueller@contoso.com",
      displayName: "Anna Müller",
      givenName: "Anna",
      surname: "Müller",
      accountEnabled: true,
      jobTitle: "Head of Sales",
      department: "Sales",
      managerId: "obj-employee-1",
    });
    // What the stack does not own stays as it is in the tenant, however the import compares.
    expect(user("3")?.opts?.ignoreChanges).toEqual([
      "password",
      "forcePasswordChange",
      "userPrincipalName",
      "mailNickname",
      ...AZUREAD_USER_INPUTS.filter(
        (i) => !["displayName", "jobTitle", "department", "managerId"].includes(i),
      ),
    ]);
    // A new account still gets its alias from the UPN.
    expect(user("2")?.inputs).toMatchObject({ mailNickname: "juergen.boehm" });
  });

  it("re-enables the same account when a leaver's profile is reactivated (69: termination removed, new hire date)", async () => {
    world.tenant = [tenantUser("obj-sophie", "sophie.lorenz@contoso.com", "69", false)];
    await run();
    expect(user("69")?.importId).toBe("/users/obj-sophie");
    expect(user("69")?.inputs).toMatchObject({ accountEnabled: true, employeeId: "69" });
    expect(users().filter((u) => u.importId === "/users/obj-sophie")).toHaveLength(1);

    world.resources.length = 0;
    // With enableFrom hireDate the account stays disabled until 00:00 of the new hire date (3 days ahead).
    await run({ ...CONFIG, joiners: { createDaysBeforeHire: 14, enableFrom: "hireDate" } });
    expect(user("69")?.inputs).toMatchObject({ accountEnabled: false });
  });

  it("gives a returning person's new profile a new login, leaves the old account alone and warns", async () => {
    world.tenant = [tenantUser("obj-old", "sophie.lorenz@contoso.com", "12345", false)];
    await run();
    expect(user("69")?.importId).toBeUndefined();
    expect(user("69")?.inputs).toMatchObject({
      userPrincipalName: "sophie.lorenz_69@contoso.com",
      mailNickname: "sophie.lorenz_69",
    });
    expect(users().filter((u) => u.importId === "/users/obj-old")).toEqual([]);
    expect(warnings.mock.calls.map((call) => String(call[0]))).toContain(
      "warning: [runtime] employee 69: employeeId: possible rehire: employee 69 matches the disabled account of employee 12345",
    );
  });

  it("gives a suffixed UPN when an unmanaged account holds the name", async () => {
    world.tenant = [tenantUser("obj-x", "jonas.becker@contoso.com", "9999")];
    await run();
    expect(user("25")?.inputs).toMatchObject({ userPrincipalName: "jonas.becker_25@contoso.com" });
    expect(user("25")?.importId).toBeUndefined();
  });

  it("declares a leaver with an account disabled and skips one without", async () => {
    world.tenant = [tenantUser("obj-lena", "lena.wolf@contoso.com", "24")];
    const outputs = await run();
    expect(user("24")?.inputs).toMatchObject({ accountEnabled: false });
    expect(user("24")?.importId).toBe("/users/obj-lena");
    expect(user("27")).toBeUndefined();
    expect(user("28")).toBeUndefined();
    expect(outputs.skipped).toEqual([
      { employeeId: "20", reason: "missing_required_attribute", attribute: "email" },
      { employeeId: "21", reason: "missing_required_attribute", attribute: "first_name" },
      { employeeId: "22", reason: "missing_required_attribute", attribute: "last_name" },
      { employeeId: "27", reason: "terminated_before_provisioning" },
      { employeeId: "28", reason: "terminated_before_provisioning" },
    ]);
    expect(outputs.counts).toMatchObject({ enabled: 63, disabled: 1, skipped: 5 });
  });

  it("sets managerId from the manager's new account, or from an existing one", async () => {
    world.tenant = [tenantUser("obj-ceo", "katharina.vogel@contoso.com", "1")];
    await run();
    expect(user("2")?.inputs["managerId"]).toBe("obj-ceo");
    expect(user("10")?.inputs["managerId"]).toBe("obj-employee-7");
    expect(user("1")?.inputs).not.toHaveProperty("managerId");
  });

  it("outputs the UPN of every managed account by employee id, in the plain (not secret) outputs", async () => {
    world.tenant = [tenantUser("obj-jose", "jose.garcia@contoso.com", "10")];
    const outputs = await run();
    const names = await valueOf(outputs.principalNames);
    const expected = Object.fromEntries(
      users().map((u) => [u.name.replace("employee-", ""), u.inputs["userPrincipalName"] as string]),
    );
    expect(names).toEqual(expected);
    expect(Object.keys(names)).toHaveLength(outputs.counts.managed);
    expect(Object.keys(names)).toEqual(Object.keys(expected).sort((a, b) => Number(a) - Number(b)));
    expect(names["10"]).toBe("jose.garcia@contoso.com");
    expect(await pulumi.isSecret(outputs.principalNames)).toBe(false);
  });

  it("keeps passwords secret in the stack outputs", async () => {
    const outputs = await run();
    expect(await pulumi.isSecret(outputs.initialPasswords ?? pulumi.output({}))).toBe(true);
  });

  it("fails with one clear message on a config error, declaring nothing", async () => {
    await expect(run({ ...CONFIG, timezone: "Mars/Olympus" })).rejects.toThrow(
      new pulumi.RunError(
        'Invalid value for personio-azuread:timezone: "Mars/Olympus". Allowed: an IANA time zone such as Europe/Berlin.',
      ),
    );
    expect(world.resources).toEqual([]);
    expect(world.invokes).toEqual([]);
  });

  it("fails when Personio cannot be read completely, with no User registered", async () => {
    sample.sandbox.setFaults({ serverError: { offset: 0, times: "always" } });
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(pulumi.RunError);
    expect((error as Error).message).toBe(
      "Personio GET /v1/company/employees offset=0: HTTP 500 (after 5 attempts)",
    );
    expect(world.resources).toEqual([]);
  }, 30_000);
});
