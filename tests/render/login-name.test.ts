import type { LoginSchema } from "../../src/config/types";
import { MAX_LOCAL_PART, normalizeLoginPart } from "../../src/render";
import { fitLocalPart } from "../../src/render/login-name";
import { employee, renderWith, SCHEMA, upns } from "./fixtures";

describe("normalizeLoginPart", () => {
  it.each([
    ["Müller", "mueller"],
    ["MÜLLER", "mueller"],
    ["Jürgen Köhler", "juergenkoehler"],
    ["Strauß", "strauss"],
    ["STRAUẞ", "strauss"],
    ["José", "jose"],
    ["François", "francois"],
    ["Łukasz", "lukasz"],
    ["Żółć", "zolc"],
    ["Søren Ørsted", "sorenorsted"],
    ["Иван", "ivan"],
    ["Петров", "petrov"],
    ["Δημήτρης", "dimitris"],
    ["O'Brien", "obrien"],
    ["O’Brien", "obrien"],
    ["van der Berg", "vanderberg"],
    ["Schulz-Meyer", "schulz-meyer"],
    ["Änne", "aenne"],
    ["u\u0308ber", "ueber"], // decomposed ü
    ["Anna+Marie (Jr)", "annamariejr"],
    ["..Anna..Maria..", "anna.maria"],
    ["snake_case", "snake_case"],
    ["R2-D2", "r2-d2"],
    ["①", ""],
    ["   ", ""],
  ])("normalises %p to %p", (input, expected) => {
    expect(normalizeLoginPart(input)).toBe(expected);
  });
});

describe("fitLocalPart", () => {
  it.each([
    ["anna.mueller", "", "anna.mueller"],
    ["a".repeat(70), "", "a".repeat(64)],
    ["a".repeat(70), "_42", `${"a".repeat(61)}_42`],
    [`${"x".repeat(60)}.yyyyyyyyyy`, "_12", `${"x".repeat(60)}_12`],
    [`${"x".repeat(63)}.y`, "", "x".repeat(63)],
    ["anna.mueller", "_7", "anna.mueller_7"],
  ])("fits %p with suffix %p into %p", (local, suffix, expected) => {
    const fitted = fitLocalPart(local, suffix);
    expect(fitted).toBe(expected);
    expect(fitted.length).toBeLessThanOrEqual(MAX_LOCAL_PART);
  });
});

describe("login name schema", () => {
  const entire = (attribute: string) => ({ attribute, use: "entire" as const });
  const firstLetter = (attribute: string) => ({ attribute, use: "first_letter" as const });

  it.each<[string, Partial<LoginSchema>, string, string, string]>([
    ["first.last", {}, "Anna", "Müller", "anna.mueller@example.com"],
    ["Polish letters", {}, "Łukasz", "Żółć", "lukasz.zolc@example.com"],
    ["Cyrillic", {}, "Иван", "Петров", "ivan.petrov@example.com"],
    ["a straight apostrophe", {}, "Sean", "O'Brien", "sean.obrien@example.com"],
    ["a typographic apostrophe", {}, "Sean", "O’Brien", "sean.obrien@example.com"],
    ["spaces", {}, "Anna", "van der Berg", "anna.vanderberg@example.com"],
    ["a hyphen", {}, "Anna", "Schulz-Meyer", "anna.schulz-meyer@example.com"],
    ["a dot at a part's end", {}, "J.", "Doe", "j.doe@example.com"],
    [
      "first letter of Änne",
      { beginning: firstLetter("first_name") },
      "Änne",
      "Müller",
      "a.mueller@example.com",
    ],
    ["first letter", { beginning: firstLetter("first_name") }, "Anna", "Müller", "a.mueller@example.com"],
    ["first letter at the end", { end: firstLetter("last_name") }, "Anna", "Müller", "anna.m@example.com"],
    ["no separator and no end", { separator: "", end: null }, "Anna", "Müller", "anna@example.com"],
    ["no separator", { separator: "" }, "Anna", "Müller", "annamueller@example.com"],
    ["hyphen separator", { separator: "-" }, "Anna", "Müller", "anna-mueller@example.com"],
    ["underscore separator", { separator: "_" }, "Anna", "Müller", "anna_mueller@example.com"],
    [
      "last name first",
      { beginning: entire("last_name"), end: entire("first_name") },
      "Anna",
      "Ek",
      "ek.anna@example.com",
    ],
    ["an upper-case domain", { domain: "Example.COM" }, "Anna", "Ek", "anna.ek@example.com"],
  ])("renders %s", (_case, schema, first, last, expected) => {
    const result = renderWith([employee(1, { first, last })], {
      config: { loginSchema: { ...SCHEMA, ...schema } },
    });
    expect(upns(result)).toEqual({ "1": expected });
    expect(result.users[0]?.mailNickname).toBe(expected.slice(0, expected.indexOf("@")));
  });

  it("reads a custom attribute, numbers included", () => {
    const schema: LoginSchema = { ...SCHEMA, end: entire("dynamic_9") };
    const result = renderWith([employee(1, { first: "Anna", attributes: { dynamic_9: 4711 } })], {
      config: { loginSchema: schema },
    });
    expect(upns(result)).toEqual({ "1": "anna.4711@example.com" });
  });

  it.each<[string, string, string, Partial<LoginSchema>]>([
    ["the last name leaves nothing", "Anna", "①", {}],
    ["the first name is only dots", "...", "Müller", {}],
    ["the first letter has no letter", "--", "Müller", { beginning: firstLetter("first_name") }],
    ["the end attribute is absent", "Anna", "Müller", { end: entire("dynamic_1") }],
  ])("skips with invalid_login_name when %s", (_case, first, last, schema) => {
    const result = renderWith([employee(1, { first, last })], {
      config: { loginSchema: { ...SCHEMA, ...schema } },
    });
    expect(result.users).toEqual([]);
    expect(result.skipped).toEqual([{ employeeId: "1", reason: "invalid_login_name" }]);
  });

  it("cuts a 70-character name to 64 and keeps a collision suffix whole", () => {
    const first = "x".repeat(60);
    const last = "y".repeat(10);
    const result = renderWith([
      employee(3, { first, last, createdAt: "2020-01-01T00:00:00.000Z" }),
      employee(12, { first, last, createdAt: "2021-01-01T00:00:00.000Z" }),
    ]);
    expect(upns(result)).toEqual({
      "3": `${"x".repeat(60)}.yyy@example.com`,
      "12": `${"x".repeat(60)}_12@example.com`,
    });
    expect(result.users.map((user) => (user.mailNickname as string).length)).toEqual([64, 63]);
  });
});
