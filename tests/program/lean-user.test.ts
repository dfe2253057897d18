import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import { declareInBatches, declareUser, withoutStackTraces } from "../../src/program/lean-user";

interface Request {
  getName(): string;
  toObject(): Record<string, unknown>;
  getObject(): { toJavaScript(): unknown };
}

/** The registration requests the engine would receive, by resource name. */
const requests = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: `${args.name}-id`,
        state: { ...args.inputs, objectId: `${args.name}-oid` },
      }),
      call: (args) => args.inputs,
    },
    "personio-azuread",
    "test",
    false,
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: Request, cb: unknown): void;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    requests.set(req.getName(), { ...req.toObject(), object: req.getObject().toJavaScript() });
    register(req, cb);
  };
});

const args = (extra: Partial<azuread.UserArgs> = {}): azuread.UserArgs => ({
  userPrincipalName: "anna.mueller@contoso.com",
  displayName: "Anna Müller",
  givenName: "Anna",
  surname: "Müller",
  mailNickname: "anna.mueller",
  employeeId: "42",
  accountEnabled: true,
  jobTitle: "Engineer",
  businessPhones: ["+49 30 1234"],
  ...extra,
});

/** Fields that differ by construction: the name and where in the source the resource was declared. */
const BY_CONSTRUCTION = new Set(["name", "sourceposition", "stacktrace"]);

describe("declareUser", () => {
  it.each([
    ["plain inputs", args()],
    ["a password and a manager output", args({ password: "Initial-Pa55!", forcePasswordChange: true })],
    ["no optional inputs", { userPrincipalName: "x@contoso.com", displayName: "X" }],
    ["an empty password, which the generated class leaves out", args({ password: "" })],
  ])("sends the engine the same request as new azuread.User, with %s", async (_case, userArgs) => {
    const parent = new pulumi.ComponentResource("personio-azuread:index:Directory", `dir-${_case}`, {}, {});
    const manager = new azuread.User(`manager-${_case}`, args({ employeeId: "1" }), { parent });
    const withManager = { ...userArgs, managerId: manager.objectId };
    const opts: pulumi.CustomResourceOptions = {
      parent,
      retainOnDelete: true,
      ignoreChanges: ["password", "forcePasswordChange", "userPrincipalName"],
      import: "/users/obj-1",
    };
    const full = new azuread.User(`full-${_case}`, withManager, opts);
    const lean = withoutStackTraces(() => declareUser(`lean-${_case}`, withManager, opts));
    const [fullId, leanId] = await Promise.all([
      new Promise((resolve) => full.objectId.apply(resolve)),
      new Promise((resolve) => lean.objectId.apply(resolve)),
    ]);
    expect([fullId, leanId]).toEqual([`full-${_case}-oid`, `lean-${_case}-oid`]);
    const a = requests.get(`full-${_case}`) as Record<string, unknown>;
    const b = requests.get(`lean-${_case}`) as Record<string, unknown>;
    const differing = Object.keys({ ...a, ...b }).filter(
      (k) => !BY_CONSTRUCTION.has(k) && !isDeepStrictEqual(a[k], b[k]),
    );
    expect(differing).toEqual([]);
    expect(Object.keys(a).length).toBeGreaterThan(30);
    expect(azuread.User.isInstance(lean)).toBe(true);
  });

  it("keeps the password secret", async () => {
    const lean = declareUser("secret-user", args({ password: "Initial-Pa55!" }), {});
    expect(await pulumi.isSecret(lean.password)).toBe(true);
  });

  it("fails like the generated class when a required input is missing", () => {
    expect(() =>
      declareUser("broken", { userPrincipalName: "x@contoso.com" } as azuread.UserArgs, {}),
    ).toThrow("Missing required property 'displayName'");
  });
});

describe("withoutStackTraces", () => {
  it("turns stack capture off inside and restores it after, also when the function throws", () => {
    const before = Error.stackTraceLimit;
    expect(withoutStackTraces(() => Error.stackTraceLimit)).toBe(0);
    expect(() =>
      withoutStackTraces(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(Error.stackTraceLimit).toBe(before);
  });
});

describe("declareInBatches", () => {
  it("declares every item in order", async () => {
    const seen: number[] = [];
    const out = await declareInBatches([1, 2, 3, 4, 5], 2, (n) => {
      seen.push(n);
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
