import { loadSampleCompany } from "../../src/sandbox";

const TODAY = "2026-11-26";
const sample = loadSampleCompany({ today: TODAY });
const byId = new Map(sample.map((item) => [item.attributes["id"]?.value as number, item]));

function value(id: number, key: string): unknown {
  const item = byId.get(id);
  if (item === undefined) throw new Error(`no employee ${id} in the sample company`);
  return item.attributes[key]?.value;
}

function relationNames(key: string): string[] {
  const names = sample.map(
    (item) => (item.attributes[key]?.value as { attributes?: { name: string } } | null)?.attributes?.name,
  );
  return [...new Set(names.filter((name): name is string => name !== undefined))].sort();
}

describe("the bundled sample company", () => {
  it("holds 69 employees with ids 1..69", () => {
    expect(sample.map((item) => item.attributes["id"]?.value)).toEqual(
      Array.from({ length: 69 }, (_, i) => i + 1),
    );
  });

  it.each([
    [2, "Jürgen", "Böhm"],
    [3, "Anna", "Müller"],
    [4, "Stefan", "Strauß"],
    [5, "Änne", "Köhler"],
    [6, "Siobhan", "O'Brien"],
    [10, "José", "García"],
    [11, "Zoë", "Fischer"],
    [12, "François", "Lefèvre"],
    [13, "Łukasz", "Żółć"],
    [14, "Иван", "Петров"],
    [15, "Νίκος", "Παπαδόπουλος"],
    [16, "Marco", "D’Angelo"],
    [17, "Pieter", "van der Berg"],
    [18, "María", "de la Cruz"],
    [19, "Anna-Lena", "Schulz-Meyer"],
    [20, "Henrik", "Larsen"],
    [21, "", "Nakamura"],
    [22, "Aiyana", null],
    [23, "Maximiliane Alexandra Friederike", "von Hohenberg-Wittelsbach zu Lindenau"],
    [30, "Elif", "Yılmaz"],
    [40, " Jan", "Kowalski "],
    [47, "Karl-Heinz", "Müller-Lüdenscheidt"],
  ])("has employee %i named %j %j", (id, first, last) => {
    expect([value(id, "first_name"), value(id, "last_name")]).toEqual([first, last]);
  });

  it("has a 70-character name (23)", () => {
    expect(`${value(23, "first_name")} ${value(23, "last_name")}`).toHaveLength(70);
  });

  it("has three Thomas Schmidt with different e-mails and created_at (7, 8, 9)", () => {
    const thomases = sample.filter(
      (i) => i.attributes["first_name"]?.value === "Thomas" && i.attributes["last_name"]?.value === "Schmidt",
    );
    expect(
      thomases.map((i) => [
        i.attributes["id"]?.value,
        i.attributes["email"]?.value,
        i.attributes["created_at"]?.value,
      ]),
    ).toEqual([
      [7, "thomas.schmidt@contoso.com", "2016-04-01T08:00:00+02:00"],
      [8, "thomas.schmidt2@contoso.com", "2019-09-16T10:15:00+02:00"],
      [9, "thomas.schmidt3@contoso.com", "2023-01-09T11:45:00+01:00"],
    ]);
  });

  it.each<[number, string | null, string]>([
    [20, null, "no e-mail"],
    [38, "ines.schwarz@partner.example", "another domain"],
    [39, "Petra.Wagner@Contoso.com", "mixed case"],
  ])("has employee %i with e-mail %j (%s)", (id, email) => {
    expect(value(id, "email")).toBe(email);
  });

  it("has mostly first.last@contoso.com e-mails", () => {
    const emails = sample
      .map((i) => i.attributes["email"]?.value)
      .filter((e): e is string => typeof e === "string");
    expect(emails.filter((e) => e.toLowerCase().endsWith("@contoso.com"))).toHaveLength(67);
    expect(new Set(emails.map((e) => e.toLowerCase())).size).toBe(emails.length);
  });

  it.each<[number, string, string | null, string | null, string]>([
    [24, "inactive", "2026-11-25T00:00:00+01:00", "2026-11-25T00:00:00+01:00", "terminated yesterday"],
    [25, "active", "2026-11-26T00:00:00+01:00", "2026-11-26T00:00:00+01:00", "terminated today"],
    [26, "active", "2026-11-27T00:00:00+01:00", "2026-11-27T00:00:00+01:00", "terminated tomorrow"],
    [27, "inactive", "2019-06-30T00:00:00+02:00", "2019-06-28T00:00:00+02:00", "terminated in 2019"],
    [28, "inactive", "2021-06-05T00:00:00+02:00", "2021-06-05T00:00:00+02:00", "terminated 2000 days ago"],
    [31, "inactive", null, null, "inactive without a termination"],
    [32, "leave", null, null, "on leave"],
    [33, "active", "2026-12-26T00:00:00+01:00", "2026-11-25T00:00:00+01:00", "on garden leave"],
  ])("has employee %i %s, terminating %j, last working day %j (%s)", (id, status, termination, lastDay) => {
    expect([value(id, "status"), value(id, "termination_date"), value(id, "last_working_day")]).toEqual([
      status,
      termination,
      lastDay,
    ]);
  });

  it.each([
    [29, "2026-12-10T00:00:00+01:00", "2026-11-06T00:00:00+01:00"],
    [30, "2026-11-26T00:00:00+01:00", "2026-10-27T00:00:00+01:00"],
    [67, "2027-01-05T00:00:00+01:00", "2026-11-16T00:00:00+01:00"],
    [68, "2026-12-01T00:00:00+01:00", "2026-11-01T00:00:00+01:00"],
    // A rehire: the 2019 profile reactivated with a new hire date and no termination date.
    [69, "2026-11-29T00:00:00+01:00", "2019-02-11T09:00:00+01:00"],
  ])("has employee %i onboarding, hired %s, created %s", (id, hire, created) => {
    expect([value(id, "status"), value(id, "hire_date"), value(id, "created_at")]).toEqual([
      "onboarding",
      hire,
      created,
    ]);
  });

  it("has a rehire (69): a profile from 2019 reactivated, no termination date", () => {
    expect([value(69, "termination_date"), value(69, "last_working_day")]).toEqual([null, null]);
  });

  it("carries the quirks of older Personio data (34-38)", () => {
    expect(value(34, "team")).toEqual([]);
    expect(value(35, "hire_date")).toBe("2021-02-01T00:00:00+0100");
    expect(byId.get(36)?.attributes["position"]).toEqual({ label: "Position", value: "Controller" });
    expect(Object.keys(byId.get(37)?.attributes ?? {})).not.toContain("dynamic_27163");
    expect(value(37, "dynamic_31001")).toBe("Permanent");
    expect(value(38, "supervisor")).toEqual([]);
  });

  it("has a supervisor tree under a CEO without supervisor", () => {
    expect(value(1, "supervisor")).toBeNull();
    const bossOf = (id: number): number | undefined =>
      (value(id, "supervisor") as { attributes?: { id: { value: number } } } | null)?.attributes?.id.value;
    const depths = sample.map((item) => {
      const chain = [item.attributes["id"]?.value as number];
      for (let boss = bossOf(chain[0] as number); boss !== undefined; boss = bossOf(boss)) {
        if (chain.includes(boss) || !byId.has(boss))
          throw new Error(`bad chain ${chain.join(" > ")} > ${boss}`);
        chain.push(boss);
      }
      return chain;
    });
    expect(depths.filter((chain) => chain.at(-1) !== 1).map((chain) => chain[0])).toEqual([38]);
    expect(depths.find((chain) => chain[0] === 46)).toEqual([46, 13, 7, 2, 1]);
    expect(value(46, "supervisor")).toEqual({
      type: "Employee",
      attributes: {
        id: { label: "ID", value: 13, type: "integer", universal_id: "id" },
        first_name: { label: "First name", value: "Łukasz", type: "standard", universal_id: "first_name" },
        last_name: { label: "Last name", value: "Żółć", type: "standard", universal_id: "last_name" },
        email: { label: "Email", value: "lukasz.zolc@contoso.com", type: "standard", universal_id: "email" },
      },
    });
  });

  it("has departments, offices, legal entities, teams and cost centers", () => {
    expect(relationNames("department")).toEqual([
      "Customer Success",
      "Engineering",
      "Finance",
      "Management",
      "Marketing",
      "People",
      "Sales",
    ]);
    expect(relationNames("office")).toEqual(["Berlin", "Hamburg", "Munich", "Vienna", "Warsaw"]);
    expect(relationNames("subcompany")).toEqual([
      "Contoso Austria GmbH",
      "Contoso GmbH",
      "Contoso Polska Sp. z o.o.",
    ]);
    expect(relationNames("team")).toEqual([
      "Brand",
      "Controlling",
      "Data",
      "Field Sales",
      "Identity",
      "Inside Sales",
      "Payroll",
      "Platform",
      "Recruiting",
      "Support",
    ]);
    expect(value(61, "cost_centers")).toEqual([
      { type: "CostCenter", attributes: { id: expect.any(Number), name: "CC-500", percentage: 60 } },
      { type: "CostCenter", attributes: { id: expect.any(Number), name: "CC-100", percentage: 40 } },
    ]);
    expect(
      (value(62, "cost_centers") as { attributes: { percentage: number } }[]).map(
        (c) => c.attributes.percentage,
      ),
    ).toEqual([50, 50]);
  });

  it("labels its custom attributes and types the custom date", () => {
    const { dynamic_27163, dynamic_31001, dynamic_35017 } = byId.get(13)?.attributes ?? {};
    expect([dynamic_27163, dynamic_31001, dynamic_35017]).toEqual([
      { label: "Mobile phone", value: "+49 151 2102947", type: "standard", universal_id: null },
      { label: "Employee type", value: "Permanent", type: "standard", universal_id: null },
      { label: "Security training due", value: "2026-02-15", type: "date", universal_id: null },
    ]);
  });
});
