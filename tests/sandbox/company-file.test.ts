import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  generateCompany,
  loadCompanyFile,
  loadSampleCompany,
  type PersonioEmployeeItem,
} from "../../src/sandbox";

describe("loadCompanyFile", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sandbox-company-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown): string => {
    const target = path.join(dir, name);
    writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
    return target;
  };

  it("reads Personio's response shape and a bare list of items", () => {
    const items = generateCompany(3, 4);
    expect(loadCompanyFile(file("response.json", { success: true, data: items }))).toEqual(items);
    expect(loadCompanyFile(file("list.json", items))).toEqual(items);
  });

  it("expands a compact seed: labels, Berlin offsets, relations, supervisor, quirks, relative dates", () => {
    const seed = {
      labels: { dynamic_1: "Badge" },
      employees: [
        {
          id: 1,
          first_name: "Ada",
          last_name: "Lovelace",
          email: "ada@contoso.com",
          hire_date: "2020-01-15",
        },
        {
          id: 2,
          first_name: "Änne",
          status: "active",
          hire_date: "2020-07-01",
          termination_date: "today+1",
          department: "Sales",
          supervisor: 1,
          cost_centers: ["A", "B", "C"],
          dynamic_1: "B-7",
          _quirks: [
            "compact_offset:termination_date",
            "no_universal_id_on:status",
            "omit:email",
            "empty_array_relation:office",
          ],
        },
      ],
    };
    const [, second] = loadCompanyFile(file("seed.json", seed), { today: "2026-03-28" });
    const attr = (key: string, value: unknown, type = "standard", universal: string | null = key) => ({
      label: expect.any(String),
      value,
      type,
      universal_id: universal,
    });
    expect(second).toEqual({
      type: "Employee",
      attributes: {
        id: { label: "ID", value: 2, type: "integer", universal_id: "id" },
        first_name: attr("first_name", "Änne"),
        last_name: attr("last_name", null),
        status: { label: "Status", value: "active", type: "standard" },
        position: attr("position", null),
        supervisor: attr("supervisor", {
          type: "Employee",
          attributes: {
            id: { label: "ID", value: 1, type: "integer", universal_id: "id" },
            first_name: attr("first_name", "Ada"),
            last_name: attr("last_name", "Lovelace"),
            email: attr("email", "ada@contoso.com"),
          },
        }),
        hire_date: attr("hire_date", "2020-07-01T00:00:00+02:00", "date"),
        termination_date: attr("termination_date", "2026-03-29T00:00:00+0100", "date"),
        last_working_day: attr("last_working_day", null, "date"),
        created_at: attr("created_at", null, "date"),
        subcompany: attr("subcompany", null),
        office: attr("office", []),
        department: attr("department", {
          type: "Department",
          attributes: { id: expect.any(Number), name: "Sales" },
        }),
        cost_centers: attr(
          "cost_centers",
          ["A", "B", "C"].map((name) => ({
            type: "CostCenter",
            attributes: { id: expect.any(Number), name, percentage: 33.33 },
          })),
        ),
        team: attr("team", null),
        dynamic_1: { label: "Badge", value: "B-7", type: "standard", universal_id: null },
      },
    });
  });

  it("gives a relation the same id in every file", () => {
    const seed = (name: string) => ({
      employees: [
        { id: 1, department: "Other" },
        { id: 2, department: name },
      ],
    });
    const idOf = (items: PersonioEmployeeItem[]) =>
      (items[1]?.attributes["department"]?.value as { attributes: { id: number } }).attributes.id;
    expect(idOf(loadCompanyFile(file("a.json", seed("Sales"))))).toBe(
      idOf(
        loadCompanyFile(
          file("b.json", {
            employees: [
              { id: 9, department: "Sales" },
              { id: 10, department: "Sales" },
            ],
          }),
        ),
      ),
    );
    expect(idOf(loadCompanyFile(file("c.json", seed("Sales"))))).not.toBe(
      idOf(loadCompanyFile(file("d.json", seed("Finance")))),
    );
  });

  it.each([
    [
      "the JSON has no known shape",
      { staff: [] },
      'Invalid company file FILE: expected {"data": [items]}, a list of items, or {"employees": [...]}',
    ],
    [
      "an attribute key is unknown",
      { employees: [{ id: 1, frist_name: "A" }] },
      "Invalid company seed in FILE:\n✖ unknown attribute; allowed: Personio's standard keys (first_name, hire_date, …) or dynamic_<n>\n  → at employees[0].frist_name",
    ],
    [
      "a date is not a date",
      { employees: [{ id: 1, hire_date: "01.02.2020" }] },
      "Invalid company seed in FILE:\n✖ expected YYYY-MM-DD, today, today-N, today+N or a date-time with offset\n  → at employees[0].hire_date",
    ],
    [
      "a label is not for a custom attribute",
      { labels: { first_name: "Vorname" }, employees: [] },
      "Invalid company seed in FILE:\n✖ labels name custom attributes: expected dynamic_<n>\n  → at labels.first_name",
    ],
    [
      "a top-level key is misspelt",
      { employees: [], lables: {} },
      'Invalid company seed in FILE:\n✖ Unrecognized key: "lables"',
    ],
    [
      "a supervisor is missing",
      { employees: [{ id: 1, supervisor: 9 }] },
      "Invalid company seed in FILE: employee 1: supervisor 9 is not in the seed",
    ],
    [
      "an id repeats",
      { employees: [{ id: 1 }, { id: 1 }] },
      "Invalid company seed in FILE: employee 1 appears twice",
    ],
    [
      "a quirk names the wrong attribute",
      { employees: [{ id: 1, _quirks: ["compact_offset:team"] }] },
      'Invalid company seed in FILE: employee 1: quirk "compact_offset:team": team is not a date with an offset',
    ],
    [
      "a quirk is unknown",
      { employees: [{ id: 1, _quirks: ["upper_case:email"] }] },
      "Invalid company seed in FILE:\n✖ expected <quirk>:<key> with quirk one of empty_array_relation, compact_offset, no_type_on, no_universal_id_on, omit\n  → at employees[0]._quirks[0]",
    ],
    [
      "an item has no value",
      { data: [{ attributes: { id: { label: "ID" } } }] },
      "Invalid Personio items in FILE:\n✖ Invalid input: expected nonoptional, received undefined\n  → at [0].attributes.id.value",
    ],
  ])("fails when %s", (_case, content, message) => {
    const target = file("bad.json", content);
    expect(() => loadCompanyFile(target)).toThrow(message.replace("FILE", target));
  });

  it("fails when the file is not JSON or missing", () => {
    const target = file("broken.json", "{ nope");
    expect(() => loadCompanyFile(target)).toThrow(
      new RegExp(`^Invalid company file ${target}: not JSON \\(`),
    );
    expect(() => loadCompanyFile(path.join(dir, "absent.json"))).toThrow(
      `Cannot read company file ${path.join(dir, "absent.json")}: ENOENT`,
    );
  });

  it("fails when today is not a date", () => {
    expect(() => loadSampleCompany({ today: "26.11.2026" })).toThrow(
      'Invalid value for today: "26.11.2026". Allowed: a date YYYY-MM-DD.',
    );
  });
});
