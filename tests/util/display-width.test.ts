import { displayWidth, graphemes, truncateToWidth, wrapToWidth } from "../../src/util/display-width";

describe("displayWidth", () => {
  it.each([
    ["plain ASCII", "anna.mueller@contoso.com", 24],
    ["precomposed Latin", "Zoë Fischer", 11],
    ["a combining acute accent", "Zoe\u0301", 3],
    ["several combining marks on one letter", "a\u0323\u0302", 1],
    ["CJK ideographs", "山田太郎", 8],
    ["Hangul syllables", "김민준", 6],
    ["Hangul written as conjoining jamo", "\u1100\u1161\u11a8", 2],
    ["fullwidth Latin", "ＡＢ", 4],
    ["a CJK ideograph outside the BMP (a surrogate pair)", "𠮷野", 4],
    ["an emoji", "😀", 2],
    ["an emoji ZWJ sequence", "👩‍💻", 2],
    ["a text symbol asked to show as emoji", "❤\ufe0f", 2],
    ["Cyrillic", "Иван Петров", 11],
    ["a zero-width joiner alone", "\u200d", 0],
    ["an empty text", "", 0],
  ])("counts %s", (_case, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe("truncateToWidth", () => {
  it.each([
    ["fits", "Anna Müller", 11, "Anna Müller"],
    ["one column too many", "Anna Müller", 10, "Anna Müll…"],
    ["ends in a space before the cut", "Anna Müller", 6, "Anna…"],
    ["CJK at an odd width: the ideograph that would overflow goes", "山田太郎", 6, "山田…"],
    ["CJK at an even width", "山田太郎", 7, "山田太…"],
    ["a surrogate pair is never split", "𠮷𠮷𠮷", 4, "𠮷…"],
    ["a combining mark stays with its letter", "Zoe\u0301 Fischer", 4, "Zoe\u0301…"],
    ["an emoji sequence is kept whole or left out", "a👩‍💻b", 3, "a…"],
    ["nothing fits", "Anna", 0, ""],
  ])("%s", (_case, text, width, expected) => {
    expect(truncateToWidth(text, width)).toBe(expected);
    expect(displayWidth(truncateToWidth(text, width))).toBeLessThanOrEqual(width);
  });

  it("never leaves a lone surrogate at any width", () => {
    const name = "𠮷野 家😀 Zoe\u0301";
    for (let width = 0; width <= displayWidth(name); width++) {
      const cut = truncateToWidth(name, width);
      expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(graphemes(name).join("").startsWith(cut.replace(/…$/, "").trimEnd())).toBe(true);
    }
  });
});

describe("wrapToWidth", () => {
  it.each([
    ["fits", "a bb ccc", 8, ["a bb ccc"]],
    ["breaks at a space, later lines indented", "a bb ccc", 5, ["a bb", "  ccc"]],
    ["several breaks", "one two three four", 9, ["one two", "  three", "  four"]],
    ["cuts a word wider than a line", "abcdefghij", 4, ["abcd", "  ef", "  gh", "  ij"]],
    ["counts CJK twice", "山田 太郎 様", 6, ["山田", "  太郎", "  様"]],
    ["no width: as it is", "a bb ccc", undefined, ["a bb ccc"]],
  ])("%s", (_case, line, width, expected) => {
    expect(wrapToWidth(line, width)).toEqual(expected);
  });
});
