import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PolicyPackArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { parse } from "yaml";
import { policies } from "../../policy/policies";
import { readAllowedDomains, UPN_DOMAIN_POLICY } from "../../policy/rules/allowed-domains";

// A real PolicyPack starts a gRPC server and reads the version from the working directory's package.json:
// record what policy/index.ts constructs instead.
const mockPacks: { name: string; args: PolicyPackArgs }[] = [];
jest.mock("@pulumi/policy", () => ({
  ...jest.requireActual<object>("@pulumi/policy"),
  PolicyPack: class {
    constructor(name: string, args: PolicyPackArgs) {
      mockPacks.push({ name, args });
    }
  },
}));

const POLICY_DIR = join(__dirname, "../../policy");
const readPackFile = (file: string) => readFileSync(join(POLICY_DIR, file), "utf8");

const NAMES = [
  "personio-azuread-user-has-employee-id",
  "personio-azuread-upn-in-allowed-domain",
  "personio-azuread-no-disable-strong-password",
  "personio-azuread-no-disable-password-expiration",
];

describe("the policy pack", () => {
  it("is constructed by policy/index.ts with exactly the pack's policies", async () => {
    await import("../../policy/index");
    expect(mockPacks).toHaveLength(1);
    expect(mockPacks[0]?.name).toBe("personio-azuread");
    expect(mockPacks[0]?.args.policies).toBe(policies);
  });

  it("holds the four rules, all mandatory resource policies", () => {
    expect(
      policies.map((p) => [
        p.name,
        p.enforcementLevel,
        typeof (p as ResourceValidationPolicy).validateResource,
      ]),
    ).toEqual(NAMES.map((name) => [name, "mandatory", "function"]));
  });

  it("requires allowedDomains for the UPN policy only", () => {
    expect(
      policies.filter((p) => p.configSchema !== undefined).map((p) => [p.name, p.configSchema?.required]),
    ).toEqual([[UPN_DOMAIN_POLICY, ["allowedDomains"]]]);
  });

  it("ships an example config that the UPN policy accepts", () => {
    const example = JSON.parse(readPackFile("policy-config.example.json")) as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(example)).toEqual([UPN_DOMAIN_POLICY]);
    expect(readAllowedDomains(example[UPN_DOMAIN_POLICY] ?? {})).toEqual({
      ok: true,
      domains: ["contoso.com", "contoso.de"],
    });
  });

  it("is a Node.js pack whose package.json gives the version and leaves dependencies to the root", () => {
    expect(parse(readPackFile("PulumiPolicy.yaml"))).toMatchObject({ runtime: "nodejs" });
    const manifest = JSON.parse(readPackFile("package.json")) as Record<string, unknown>;
    expect(manifest["version"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.keys(manifest).filter((key) => /dependencies$/i.test(key))).toEqual([]);
  });
});
