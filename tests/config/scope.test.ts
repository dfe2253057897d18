import { ConfigError, parseStackConfig } from "../../src/config";

const base = {
  personio: { clientId: "abc123" },
  loginSchema: {
    beginning: { attribute: "first_name" },
    end: { attribute: "last_name" },
    domain: "contoso.com",
  },
};

function failure(scope: unknown): string {
  try {
    parseStackConfig({ ...base, scope });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("personio-azuread:scope", () => {
  it("defaults to everyone: no include, no exclude", () => {
    expect(parseStackConfig(base).scope).toEqual({ include: {}, exclude: {} });
  });

  it("reads include and exclude, values trimmed", () => {
    const scope = {
      include: { status: ["active", " onboarding ", "leave"] },
      exclude: { department: ["Externals"], dynamic_7: ["yes"] },
    };
    expect(parseStackConfig({ ...base, scope }).scope).toEqual({
      include: { status: ["active", "onboarding", "leave"] },
      exclude: { department: ["Externals"], dynamic_7: ["yes"] },
    });
  });

  it("reads one side alone", () => {
    expect(parseStackConfig({ ...base, scope: { exclude: { team: ["Bots"] } } }).scope).toEqual({
      include: {},
      exclude: { team: ["Bots"] },
    });
  });

  it.each([
    [
      "an unknown key",
      { include: {}, only: { status: ["active"] } },
      "Unknown key in personio-azuread:scope: only. Allowed: { include: { <attribute>: [values…] }, exclude: { <attribute>: [values…] } }.",
    ],
    [
      "an empty list",
      { exclude: { department: [] } },
      'Invalid value for personio-azuread:scope.exclude.department: []. Allowed: a list of one or more text values, e.g. [Externals] (quote numbers and true/false: ["2024"]).',
    ],
    [
      "a number",
      { include: { dynamic_3: [2024] } },
      'Invalid value for personio-azuread:scope.include.dynamic_3.0: 2024. Allowed: a text value, not empty (quote numbers and true/false: "2024").',
    ],
    [
      "a boolean",
      { exclude: { dynamic_3: [true] } },
      'Invalid value for personio-azuread:scope.exclude.dynamic_3.0: true. Allowed: a text value, not empty (quote numbers and true/false: "2024").',
    ],
    [
      "a blank value",
      { exclude: { department: ["  "] } },
      'Invalid value for personio-azuread:scope.exclude.department.0: "  ". Allowed: a text value, not empty (quote numbers and true/false: "2024").',
    ],
    [
      "a value that is not a list",
      { exclude: { department: "Externals" } },
      'Invalid value for personio-azuread:scope.exclude.department: "Externals". Allowed: a list of one or more text values, e.g. [Externals] (quote numbers and true/false: ["2024"]).',
    ],
    [
      "an unknown attribute",
      { include: { departmnet: ["Sales"] } },
      'Invalid attribute in personio-azuread:scope.include: "departmnet". Allowed: a Personio attribute key: a standard key such as department, or dynamic_<n>.',
    ],
    [
      "a side that is not a map",
      { include: ["status"] },
      'Invalid value for personio-azuread:scope.include: ["status"]. Allowed: a map of Personio attribute key → a list of one or more text values, e.g. [Externals] (quote numbers and true/false: ["2024"]).',
    ],
    [
      "a scope that is not a map",
      "Externals",
      'Invalid value for personio-azuread:scope: "Externals". Allowed: { include: { <attribute>: [values…] }, exclude: { <attribute>: [values…] } }.',
    ],
  ])("fails on %s", (_what, scope, message) => {
    expect(failure(scope)).toBe(message);
  });
});
