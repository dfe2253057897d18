import { attributeProblem } from "../../src/write-back";

const DEFINITIONS = [
  { key: "first_name", label: "First name", type: "standard" },
  { key: "dynamic_40001", label: "Login", type: "standard" },
  { key: "dynamic_40002", label: "Notes", type: "multiline" },
  { key: "dynamic_50001", label: "Shirt size", type: "list" },
];

describe("attributeProblem", () => {
  it.each(["dynamic_40001", "dynamic_40002"])("accepts the text attribute %s", (key) => {
    expect(attributeProblem(key, DEFINITIONS)).toBeUndefined();
  });

  it("fails when the credentials cannot see the attribute, listing the text attributes they can", () => {
    expect(attributeProblem("dynamic_9", DEFINITIONS)).toBe(
      'Invalid value for personio-azuread:writeBack.attribute: "dynamic_9" (not among the attributes these Personio ' +
        "credentials can read). Allowed: a custom text attribute the credentials can read and write: dynamic_40001, dynamic_40002.",
    );
  });

  it("fails on an attribute that is not text", () => {
    expect(attributeProblem("dynamic_50001", DEFINITIONS)).toBe(
      'Invalid value for personio-azuread:writeBack.attribute: "dynamic_50001" (a list attribute). ' +
        "Allowed: a custom text attribute (type standard or multiline).",
    );
  });
});
