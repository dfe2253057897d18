import type { AttributeValue } from "../../src/personio/employee";
import { employee, renderWith } from "./fixtures";

const MAPPING = {
  jobTitle: "position",
  extensionAttribute3: "dynamic_30",
  extensionAttribute15: "cost_center",
};

function rendered(
  attributes: Record<string, AttributeValue>,
  attributeMapping: Record<string, string> = MAPPING,
) {
  const result = renderWith([employee(1, { attributes })], { config: { attributeMapping } });
  return { user: result.users[0], warnings: result.warnings };
}

describe("extension attributes in rendering", () => {
  it.each<[string, Record<string, AttributeValue>, Record<string, string | null>]>([
    [
      "values, trimmed",
      { position: "Engineer", dynamic_30: "  Team A ", cost_center: "4711" },
      { extensionAttribute3: "Team A", extensionAttribute15: "4711" },
    ],
    [
      "an empty value as null",
      { position: "Engineer", dynamic_30: "   ", cost_center: null },
      {
        extensionAttribute3: null,
        extensionAttribute15: null,
      },
    ],
    [
      "an absent attribute as null",
      { position: "Engineer" },
      { extensionAttribute3: null, extensionAttribute15: null },
    ],
    [
      "a number as text, a list joined",
      { dynamic_30: 42, cost_center: ["A", "B"] },
      {
        extensionAttribute3: "42",
        extensionAttribute15: "A, B",
      },
    ],
  ])("puts %s in extensionAttributes, never among the inputs", (_case, attributes, expected) => {
    const { user } = rendered(attributes);
    expect(user?.extensionAttributes).toEqual(expected);
    expect(
      Object.keys(user ?? {}).filter(
        (key) => key.startsWith("extensionAttribute") && key !== "extensionAttributes",
      ),
    ).toEqual([]);
  });

  it("keeps the other mapped inputs as inputs", () => {
    expect(rendered({ position: "Engineer", dynamic_30: "x" }).user?.["jobTitle"]).toBe("Engineer");
  });

  it("has no extensionAttributes field when none is mapped", () => {
    const { user } = rendered({ position: "Engineer" }, { jobTitle: "position" });
    expect(user !== undefined && "extensionAttributes" in user).toBe(false);
  });

  it("trims a value to 1,024 characters with a warning", () => {
    const { user, warnings } = rendered({ dynamic_30: "x".repeat(1030) });
    expect(user?.extensionAttributes?.["extensionAttribute3"]).toBe("x".repeat(1024));
    expect(warnings).toEqual([
      {
        employeeId: "1",
        property: "extensionAttribute3",
        message: "longer than 1024 characters; trimmed to 1024",
      },
    ]);
  });
});
