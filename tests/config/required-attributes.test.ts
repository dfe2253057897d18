import type { RenderConfig } from "../../src/config/types";
import { configuredAttributes, requiredAttributes } from "../../src/config/required-attributes";

const config: RenderConfig = {
  loginSchema: {
    beginning: { attribute: "first_name", use: "entire" },
    separator: ".",
    end: { attribute: "last_name", use: "entire" },
    domain: "example.com",
  },
  attributeMapping: { jobTitle: "position" },
  timezone: "Europe/Berlin",
  followRenames: false,
};

describe("requiredAttributes", () => {
  it("lists what rendering reads, and nothing else, without a joiners config", () => {
    expect(requiredAttributes(config)).toEqual([
      "created_at",
      "email",
      "first_name",
      "last_name",
      "position",
      "status",
      "termination_date",
    ]);
  });

  it.each([
    [{ createDaysBeforeHire: 14, enableFrom: "created" }, true],
    [{ createDaysBeforeHire: null, enableFrom: "hireDate" }, true],
    [{ createDaysBeforeHire: null, enableFrom: "created" }, false],
  ] as const)("fetches hire_date for joiners %j: %s", (joiners, fetched) => {
    expect(requiredAttributes({ ...config, joiners }).includes("hire_date")).toBe(fetched);
  });

  it("adds the write-back attribute when write-back is configured", () => {
    expect(requiredAttributes({ ...config, writeBack: { attribute: "dynamic_40001" } })).toContain(
      "dynamic_40001",
    );
    expect(requiredAttributes(config)).not.toContain("dynamic_40001");
  });

  it("fetches hire_date and supervisor when hires get a Temporary Access Pass", () => {
    const graph = { revokeSessions: false, temporaryAccessPass: {} };
    expect(requiredAttributes({ ...config, graph })).toEqual([
      "created_at",
      "email",
      "first_name",
      "hire_date",
      "last_name",
      "position",
      "status",
      "supervisor",
      "termination_date",
    ]);
    expect(requiredAttributes({ ...config, graph: {} })).toEqual(requiredAttributes(config));
  });

  it("fetches the Personio keys mapped to extension attributes", () => {
    const attributeMapping = { jobTitle: "position", extensionAttribute3: "dynamic_27" };
    expect(requiredAttributes({ ...config, attributeMapping })).toContain("dynamic_27");
  });

  it("fetches the scope's attributes, and names where each is configured", () => {
    const scope = {
      include: { status: ["active"], dynamic_5: ["yes"] },
      exclude: { department: ["Externals"] },
    };
    expect(requiredAttributes({ ...config, scope })).toEqual([
      "created_at",
      "department",
      "dynamic_5",
      "email",
      "first_name",
      "last_name",
      "position",
      "status",
      "termination_date",
    ]);
    expect(configuredAttributes({ ...config, scope })).toEqual([
      ["first_name", "personio-azuread:loginSchema.beginning.attribute"],
      ["last_name", "personio-azuread:loginSchema.end.attribute"],
      ["position", "personio-azuread:attributeMapping.jobTitle"],
      ["status", "personio-azuread:scope.include.status"],
      ["dynamic_5", "personio-azuread:scope.include.dynamic_5"],
      ["department", "personio-azuread:scope.exclude.department"],
    ]);
  });
});
