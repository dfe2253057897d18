import { outputWidth } from "../../src/cli/output-width";

describe("outputWidth", () => {
  it.each([
    ["COLUMNS wins over the terminal", { COLUMNS: "120" }, 80, 120],
    ["the terminal's width without COLUMNS", {}, 132, 132],
    ["100 when not a terminal", {}, undefined, 100],
    ["100 for a terminal that reports no size", {}, 0, 100],
    ["an empty COLUMNS counts as unset", { COLUMNS: "" }, 90, 90],
    ["never narrower than 40 (COLUMNS)", { COLUMNS: "20" }, undefined, 40],
    ["never narrower than 40 (terminal)", {}, 30, 40],
  ])("%s", (_case, env, terminal, width) => {
    expect(outputWidth(env, terminal)).toBe(width);
  });

  it.each(["abc", "0", "-5", "80.5", " 80"])("fails when COLUMNS is %j", (value) => {
    expect(() => outputWidth({ COLUMNS: value }, undefined)).toThrow(
      `Invalid value for COLUMNS: ${JSON.stringify(value)}. Allowed: a whole number of columns above 0, or unset.`,
    );
  });
});
