import { loadStackConfig } from "../../src/config";
import { attributeRows, attributeTable } from "../../src/doctor/attribute-table";
import type { AttributeDefinition, Employee } from "../../src/personio";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

const config = loadStackConfig(
  { ...SAMPLE_CONFIG, personio: { clientId: "c", appId: "APP" }, personioClientSecret: "s" },
  {},
);
const defined = (key: string, label = key): AttributeDefinition => ({
  key,
  label,
  type: "standard",
  universal_id: null,
});
const employee = (attributes: Employee["attributes"]) => ({ attributes }) as Employee;

describe("attributeRows", () => {
  it("counts employees with a non-empty value and leaves the id out", () => {
    const employees = [
      employee({ dynamic_1: "x", team: ["A"] }),
      employee({ dynamic_1: "  ", team: [] }),
      employee({ dynamic_1: null, team: null }),
      employee({ dynamic_1: 0 }),
      employee({}),
    ];
    const rows = attributeRows([defined("id"), defined("dynamic_1"), defined("team")], employees, config);
    expect(rows).toEqual([
      { key: "dynamic_1", label: "dynamic_1", type: "standard", filled: 2, mapping: "<input>: dynamic_1" },
      { key: "team", label: "team", type: "standard", filled: 1, mapping: "division: team" },
    ]);
  });

  it.each([
    ["position", "jobTitle: position  # mapped"],
    ["first_name", "<input>: first_name  # used by loginSchema.beginning"],
    ["office", "officeLocation: office"],
  ])("gives %s the line %j", (key, mapping) => {
    expect(attributeRows([defined(key)], [], config)[0]?.mapping).toBe(mapping);
  });
});

describe("attributeTable", () => {
  const rows = [
    {
      key: "dynamic_1",
      label: "A rather long custom label",
      type: "standard",
      filled: 12,
      mapping: "<input>: dynamic_1",
    },
  ];

  it.each([
    [100, "dynamic_1  A rather long custom label  standard         12  <input>: dynamic_1"],
    [70, "dynamic_1  A rather long …  standard         12  <input>: dynamic_1"],
    [60, "dynamic_1  A ra…  standard         12  <input>: dynamic_1"],
    [50, "dynamic_1  A ra…  standard         12  <input>: d…"],
    [45, "dynamic_1  A ra…  standard         12  <inpu…"],
  ])("fits %i columns, cutting the label first", (width, line) => {
    const table = attributeTable(rows, width);
    expect(table[2]).toBe(line);
    expect(table.every((l) => [...l].length <= width)).toBe(true);
  });
});
