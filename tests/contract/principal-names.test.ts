import { PRINCIPAL_NAMES_OUTPUT } from "../../src/contract";
import { principalNamesOutput, readPrincipalNames } from "../../src/contract/principal-names";

describe("the principalNames stack output", () => {
  it("round-trips: built in numeric id order, read back as the same map", () => {
    const upns = new Map([
      ["10", "jose.garcia@contoso.com"],
      ["9", "anna.mueller@contoso.com"],
    ]);
    const output = principalNamesOutput(upns);
    expect(Object.keys(output)).toEqual(["9", "10"]);
    expect(readPrincipalNames({ [PRINCIPAL_NAMES_OUTPUT]: output })).toEqual(upns);
  });

  it("fails when the stack has no such output", () => {
    expect(() => readPrincipalNames({ counts: {} })).toThrow(
      "The stack has no principalNames output. Allowed: a stack updated (up) by this version of the program.",
    );
  });

  it("fails on malformed entries without showing them", () => {
    expect(() => readPrincipalNames({ principalNames: { "anna.mueller": "x@contoso.com", "7": 3 } })).toThrow(
      "Invalid stack output principalNames: 2 malformed entries. Allowed: an object of Personio employee id → user principal name.",
    );
  });
});
