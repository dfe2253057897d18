import { cleanText, cleanTexts, stripUnsafe } from "../../src/render/clean-text";
import { fitBytes } from "../../src/render/warnings";

interface Warning {
  readonly property: string;
  readonly message: string;
}

function collect(): [Warning[], (property: string, message: string) => void] {
  const warnings: Warning[] = [];
  return [warnings, (property, message) => warnings.push({ property, message })];
}

const removed = (property: string, count: number) => ({
  property,
  message: `held ${count} control, bidirectional-override or unpaired surrogate character${count === 1 ? "" : "s"}; removed`,
});

describe("cleanText", () => {
  it.each<[string, string, string, number]>([
    ["NUL", "An\u0000na", "Anna", 1],
    ["C0 controls", "\u0001Anna\u001F", "Anna", 2],
    ["DEL and C1 controls", "An\u007Fna\u0085", "Anna", 2],
    ["a right-to-left override", "Anna\u202Egnp.exe", "Annagnp.exe", 1],
    ["every bidi embedding and override", "\u202A\u202B\u202C\u202D\u202EAnna", "Anna", 5],
    ["bidi isolates", "\u2066Anna\u2067\u2068\u2069", "Anna", 4],
    ["a lone high surrogate", "Anna\uD83D", "Anna", 1],
    ["a lone low surrogate", "\uDE00Anna", "Anna", 1],
    ["a line break and a tab (a space each run)", "Main St.\r\n12\tB", "Main St. 12 B", 3],
  ])("removes %s, with one warning", (_case, value, expected, count) => {
    const [warnings, warn] = collect();
    expect(cleanText(value, "givenName", warn)).toBe(expected);
    expect(warnings).toEqual([removed("givenName", count)]);
  });

  it.each([["Anna"], ["Zoë 😀"], ["עברית"], ["A\u200FB"], ["Ǆ"]])(
    "keeps %p as it is, without a warning",
    (value) => {
      const [warnings, warn] = collect();
      expect(cleanText(value, "givenName", warn)).toBe(value);
      expect(warnings).toEqual([]);
    },
  );

  it("warns once for all values of a property and drops those left empty", () => {
    const [warnings, warn] = collect();
    expect(cleanTexts(["A\u0000", "\u202E", "B"], "costCenter", warn)).toEqual(["A", "B"]);
    expect(warnings).toEqual([removed("costCenter", 2)]);
  });

  it("never puts the value in the warning", () => {
    const [warnings, warn] = collect();
    cleanText("Secretname\u0000", "surname", warn);
    expect(JSON.stringify(warnings)).not.toContain("Secretname");
  });

  it("strips without warning for checks", () => {
    expect(stripUnsafe("\u0000\u202E")).toEqual({ text: "", removed: 2 });
  });
});

describe("fitBytes", () => {
  const trimmed = (property: string, max: number) => ({
    property,
    message: `longer than ${max} bytes in UTF-8; trimmed to ${max} bytes`,
  });

  it.each<[string, string, number, string]>([
    [
      "62 characters with umlauts (72 bytes)",
      "Ä".repeat(10) + "x".repeat(52),
      64,
      "Ä".repeat(10) + "x".repeat(44),
    ],
    ["two-byte letters, cut between them", "ä".repeat(40), 64, "ä".repeat(32)],
    ["a three-byte letter that would straddle the limit", `${"x".repeat(63)}€`, 64, "x".repeat(63)],
    [
      "an emoji (4 bytes, a surrogate pair) kept whole or not at all",
      `${"x".repeat(62)}😀`,
      64,
      "x".repeat(62),
    ],
    ["trailing space left by the cut", `${"x".repeat(60)}   €€`, 64, "x".repeat(60)],
  ])("cuts %s", (_case, value, max, expected) => {
    const [warnings, warn] = collect();
    const fitted = fitBytes(value, max, "employeeType", warn);
    expect(fitted).toBe(expected);
    expect(Buffer.byteLength(fitted, "utf8")).toBeLessThanOrEqual(max);
    expect(warnings).toEqual([trimmed("employeeType", max)]);
  });

  it("keeps text of exactly the limit in bytes", () => {
    const [warnings, warn] = collect();
    expect(fitBytes("ä".repeat(32), 64, "employeeType", warn)).toBe("ä".repeat(32));
    expect(warnings).toEqual([]);
  });
});
