import { generateCompany } from "../../src/sandbox";

describe("generateCompany", () => {
  // How fast this is, is measured by `npm run bench -- sandbox`, never asserted here.
  const company = generateCompany(10_000, 7);
  const values = (key: string) => company.map((item) => item.attributes[key]?.value);

  it("generates 10,000 employees with ids 1..10000", () => {
    expect(values("id")).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
  });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(JSON.stringify(generateCompany(10_000, 7))).toBe(JSON.stringify(company));
    expect(JSON.stringify(generateCompany(100, 8))).not.toBe(JSON.stringify(company.slice(0, 100)));
  });

  it("has increasing created_at, unique e-mails, names for everyone and supervisors above", () => {
    const created = values("created_at").map((v) => Date.parse(String(v)));
    expect(created.every((t, i) => i === 0 || t > (created[i - 1] as number))).toBe(true);
    expect(new Set(values("email")).size).toBe(10_000);
    expect(values("first_name").every((v) => typeof v === "string" && v !== "")).toBe(true);
    const bosses = company.map(
      (item) =>
        (item.attributes["supervisor"]?.value as { attributes: { id: { value: number } } } | null)?.attributes
          .id.value,
    );
    expect(bosses[0]).toBeUndefined();
    expect(bosses.slice(1).every((boss, i) => boss !== undefined && boss < i + 2)).toBe(true);
  });

  it("terminates about 1 % (inactive, with a termination date) and uses names with diacritics", () => {
    const terminated = company.filter((item) => item.attributes["termination_date"]?.value !== null);
    expect(terminated.length).toBe(125);
    expect(terminated.every((item) => item.attributes["status"]?.value === "inactive")).toBe(true);
    expect(values("last_name")).toContain("Müller");
    expect(values("first_name")).toContain("Łukasz");
  });

  it("fails for a negative count", () => {
    expect(() => generateCompany(-1)).toThrow(
      "Invalid value for count: -1. Allowed: a whole number of employees, 0 or more.",
    );
  });
});
