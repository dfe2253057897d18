import { Automaton } from "../../src/util/aho-corasick";

describe("Automaton", () => {
  it.each([
    [
      "ushers",
      ["he", "she", "his", "hers"],
      [
        [1, 4],
        [2, 4],
        [2, 6],
      ],
    ],
    [
      "ahishers",
      ["he", "she", "his", "hers"],
      [
        [1, 4],
        [3, 6],
        [4, 6],
        [4, 8],
      ],
    ],
    [
      "aaaa",
      ["aa", "aaa"],
      [
        [0, 2],
        [0, 3],
        [1, 3],
        [1, 4],
        [2, 4],
      ],
    ],
    [
      "用户王小明已存在",
      ["王小明", "小明"],
      [
        [2, 5],
        [3, 5],
      ],
    ],
    ["nothing here", ["xyz"], []],
    ["anything", [], []],
  ])("in %j finds %j at %j", (text, patterns, expected) => {
    const found = new Automaton(patterns).occurrences(text).map((o) => [o.start, o.end]);
    expect(found).toEqual(expected);
  });
});
