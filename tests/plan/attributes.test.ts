import { parseStackConfig } from "../../src/config";
import { requiredAttributes } from "../../src/plan/attributes";

const base = {
  personio: { clientId: "abc123" },
  loginSchema: {
    beginning: { attribute: "first_name" },
    end: { attribute: "last_name" },
    domain: "contoso.com",
  },
  attributeMapping: { jobTitle: "position" },
};

describe("requiredAttributes", () => {
  it("asks for what rendering reads and the mapped keys", () => {
    expect(requiredAttributes(parseStackConfig(base))).toEqual([
      "created_at",
      "email",
      "first_name",
      "last_name",
      "position",
      "status",
      "termination_date",
    ]);
  });

  it("adds the write-back attribute when write-back is configured", () => {
    const config = parseStackConfig({ ...base, writeBack: { attribute: "dynamic_40001" } });
    expect(requiredAttributes(config)).toEqual([
      "created_at",
      "dynamic_40001",
      "email",
      "first_name",
      "last_name",
      "position",
      "status",
      "termination_date",
    ]);
  });
});
