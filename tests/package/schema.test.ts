import path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";
import type { z } from "zod";
import * as pulumi from "@pulumi/pulumi";
import { StackConfigSchema } from "../../src/config";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { fakeDateOnly } from "./date-only";
import { type MockWorld, valueOf } from "../program/mocks";
import { useSampleSandbox } from "../program/sample-company";

/*
 * The package's schema as `pulumi package add` gets it: the plugin host requires the package's directory
 * (package.json `main`), hands the analyzer the component classes that module exports, and the analyzer reads
 * their source from the entry package.json names.
 */

const ROOT = path.join(__dirname, "../..");
const TOKEN = "personio-azuread:index:PersonioDirectory";
const type = (name: string) => `#/types/personio-azuread:index:${name}`;

/** Stack config keys only the reconcile runner reads (after-up steps, sharding): not a component's args. */
const RUNNER_ONLY = ["graph", "shards", "writeBack"];

interface Property {
  readonly type?: string;
  readonly $ref?: string;
  readonly items?: Property;
  readonly additionalProperties?: Property;
  readonly optional?: boolean;
  readonly plain?: boolean;
  readonly description?: string;
}
interface PackageSchema {
  readonly name: string;
  readonly resources: Record<
    string,
    {
      isComponent: boolean;
      inputProperties: Record<string, Property>;
      requiredInputs: string[];
      properties: Record<string, Property>;
    }
  >;
  readonly types: Record<string, { properties?: Record<string, Property>; enum?: { value: string }[] }>;
}

let schema: PackageSchema;
let provider: ComponentProvider;

beforeAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const components = getPulumiComponents(require(ROOT));
  provider = new ComponentProvider({ name: "personio-azuread", dirname: ROOT, components });
  schema = JSON.parse(await provider.getSchema()) as PackageSchema;
}, 180_000);

const component = () => schema.resources[TOKEN];
const propertiesOf = (ref: string | undefined) =>
  schema.types[(ref ?? "").replace("#/types/", "")]?.properties ?? {};

/** Type and whether it is optional, without the description: the test of descriptions is apart. */
function shape(properties: Record<string, Property>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(properties).map(([key, p]) => {
      const kind = p.$ref ?? (p.items ? `${p.type}<${p.items.$ref ?? p.items.type}>` : p.type);
      const map = p.additionalProperties ? `<${p.additionalProperties.type}>` : "";
      return [key, `${kind}${map}${p.optional ? "?" : ""}`];
    }),
  );
}

describe("the package's schema (ComponentProvider.getSchema on the package entry)", () => {
  it("has the one component, PersonioDirectory, from the only component class package.json main exports", () => {
    expect(schema.name).toBe("personio-azuread");
    expect(Object.keys(schema.resources)).toStrictEqual([TOKEN]);
    expect(component()?.isComponent).toBe(true);
  });

  it("takes the settings as typed inputs", () => {
    expect(shape(component()?.inputProperties ?? {})).toStrictEqual({
      personio: type("PersonioConnection"),
      loginSchema: type("LoginSchema"),
      attributeMapping: "object<string>?",
      timezone: "string?",
      followRenames: "boolean?",
      joiners: `${type("Joiners")}?`,
      groups: `array<${type("GroupRule")}>?`,
      scope: `${type("Scope")}?`,
    });
    expect(component()?.requiredInputs).toStrictEqual(["loginSchema", "personio"]);
    expect(shape(propertiesOf(type("PersonioConnection")))).toStrictEqual({
      baseUrl: "string?",
      clientId: "string",
      clientSecret: "string",
      appId: "string?",
    });
    expect(shape(propertiesOf(type("LoginSchema")))).toStrictEqual({
      beginning: type("LoginPart"),
      separator: `${type("LoginSeparator")}?`,
      end: `${type("LoginPart")}?`,
      domain: "string",
    });
    expect(shape(propertiesOf(type("Scope")))).toStrictEqual({
      include: "object<array>?",
      exclude: "object<array>?",
    });
    const include = propertiesOf(type("Scope"))["include"];
    expect(include?.additionalProperties).toMatchObject({ type: "array", items: { type: "string" } });
    expect(shape(propertiesOf(type("Joiners")))).toStrictEqual({
      createDaysBeforeHire: "number?",
      enableFrom: `${type("EnableFrom")}?`,
    });
  });

  it.each([
    ["LoginPartUse", ["entire", "first_letter"]],
    ["LoginSeparator", [".", "-", "_", ""]],
    ["EnableFrom", ["created", "hireDate"]],
  ])("has the enum %s with the values the stack config allows", (name, values) => {
    expect(schema.types[`personio-azuread:index:${name}`]?.enum?.map((m) => m.value)).toStrictEqual(values);
  });

  it("takes the client secret as an input (so it may be a secret Output), every other setting plain", () => {
    const secret = propertiesOf(type("PersonioConnection"))["clientSecret"];
    expect(secret?.plain).toBeUndefined();
    expect(component()?.inputProperties["personio"]?.plain).toBe(true);
  });

  it("describes every input, at every depth, in one line", () => {
    const all = [
      ...Object.entries(component()?.inputProperties ?? {}),
      ...Object.entries(schema.types).flatMap(([name, t]) =>
        Object.entries(t.properties ?? {}).map(([key, p]) => [`${name}.${key}`, p] as const),
      ),
    ];
    const undescribed = all.filter(([, p]) => !p.description || p.description.includes("\n"));
    expect(undescribed.map(([key]) => key)).toStrictEqual([]);
    expect(all.length).toBeGreaterThan(20);
  });

  it("outputs counts, employee id → UPN, employee id → object id and the created groups' ids", () => {
    expect(shape(component()?.properties ?? {})).toStrictEqual({
      counts: type("DirectoryCounts"),
      principalNames: "object<string>",
      objectIds: "object<string>",
      groupIds: "object<string>",
    });
    expect(Object.keys(propertiesOf(type("DirectoryCounts")))).toStrictEqual([
      "employees", "managed", "enabled", "disabled", "adopted", "created", "skipped", "groups", "memberships",
    ]); // prettier-ignore
  });
});

/** The object schema inside a setting's schema: defaults, optionals, nullables, pipes and arrays unwrapped. */
function objectShape(schema: z.core.$ZodType): Record<string, z.core.$ZodType> | undefined {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "object":
      return def["shape"] as Record<string, z.core.$ZodType>;
    case "default":
    case "optional":
    case "nullable":
      return objectShape(def["innerType"] as z.core.$ZodType);
    case "array":
      return objectShape(def["element"] as z.core.$ZodType);
    case "pipe":
      return objectShape(def["in"] as z.core.$ZodType) ?? objectShape(def["out"] as z.core.$ZodType);
    default:
      return undefined;
  }
}

/** Every key path of the stack config's schema, as the args spell it (`a.b`), runner-only keys left out. */
function schemaPaths(shape: Record<string, z.core.$ZodType>, prefix = ""): string[] {
  return Object.entries(shape).flatMap(([key, value]) => {
    const inner = objectShape(value);
    const here = `${prefix}${key}`;
    return [here, ...(inner === undefined ? [] : schemaPaths(inner, `${here}.`))];
  });
}

/** Every key path of the component's inputs. */
function inputPaths(properties: Record<string, Property>, prefix = ""): string[] {
  return Object.entries(properties).flatMap(([key, p]) => {
    const ref = p.$ref ?? p.items?.$ref;
    const here = `${prefix}${key}`;
    const nested = propertiesOf(ref);
    return [here, ...(Object.keys(nested).length === 0 ? [] : inputPaths(nested, `${here}.`))];
  });
}

describe("the args and the stack config's schema", () => {
  it("name the same settings at every depth (a setting added to one is added to the other)", () => {
    const stackConfig = schemaPaths(StackConfigSchema.shape)
      .filter((key) => !RUNNER_ONLY.some((only) => key === only || key.startsWith(`${only}.`)))
      .map((key) => (key === "personioClientSecret" ? "personio.clientSecret" : key));
    expect(inputPaths(component()?.inputProperties ?? {}).sort()).toStrictEqual(stackConfig.sort());
  });
});

describe("ComponentProvider.construct, as the engine calls it for another language's program", () => {
  const world: MockWorld = { resources: [], invokes: [], tenant: [] };
  const sample = useSampleSandbox(world);
  afterEach(() => {
    jest.useRealTimers();
  });

  it("declares the component from the engine's inputs and returns its outputs as state", async () => {
    const warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    fakeDateOnly(new Date("2026-11-26T10:00:00Z"));
    // As the provider server hands them over: plain values, the secret an Output.
    const inputs = {
      ...SAMPLE_CONFIG,
      personio: {
        clientId: "sandbox-client",
        baseUrl: sample.sandbox.baseUrl,
        clientSecret: pulumi.secret(sample.sandbox.credentials.clientSecret),
      },
    };
    const { state } = await provider.construct("acme", TOKEN, inputs, {});
    const objectIds = await valueOf(state["objectIds"] as pulumi.Output<Record<string, string>>);
    const users = world.resources.filter((r) => r.type === "azuread:index/user:User");
    expect(Object.keys(state).sort()).toStrictEqual(["counts", "groupIds", "objectIds", "principalNames"]);
    expect(users).toHaveLength(63);
    expect(Object.keys(objectIds).sort()).toStrictEqual(
      users.map((u) => u.name.replace("employee-", "")).sort(),
    );
    expect(world.resources.find((r) => r.type === TOKEN)).toMatchObject({ name: "acme", inputs: {} });
    warnings.mockRestore();
  }, 60_000);
});
