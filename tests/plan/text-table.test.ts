import { type TextColumn, textTable } from "../../src/plan/text-table";
import { displayWidth } from "../../src/util/display-width";

const COLUMNS: TextColumn[] = [
  { head: "ID", cells: ["1", "22"] },
  { head: "Name", cells: ["Anna Müller", "山田太郎"], min: 6 },
  { head: "Team", cells: ["Engineering", "Sales"], drop: 1 },
  { head: "Manager", cells: ["7", ""], drop: 2 },
];

describe("textTable", () => {
  it("draws every column as wide as its content without a width", () => {
    expect(textTable(COLUMNS, undefined)).toEqual({
      lines: [
        "┌────┬─────────────┬─────────────┬─────────┐",
        "│ ID │ Name        │ Team        │ Manager │",
        "│ 1  │ Anna Müller │ Engineering │ 7       │",
        "│ 22 │ 山田太郎    │ Sales       │         │",
        "└────┴─────────────┴─────────────┴─────────┘",
      ],
      dropped: [],
    });
  });

  it("leaves out the highest drop rank first, then cuts the cells of columns with a minimum with …", () => {
    expect(textTable(COLUMNS, 30)).toEqual({
      lines: [
        "┌────┬─────────┬─────────────┐",
        "│ ID │ Name    │ Team        │",
        "│ 1  │ Anna M… │ Engineering │",
        "│ 22 │ 山田太… │ Sales       │",
        "└────┴─────────┴─────────────┘",
      ],
      dropped: ["Manager"],
    });
  });

  it.each([20, 24, 30, 35, 44, 60])("no line is wider than %i columns", (width) => {
    const lines = textTable(COLUMNS, width).lines;
    expect(lines.filter((line) => displayWidth(line) > width)).toEqual([]);
  });

  it("cuts columns that may not be dropped when nothing else is left", () => {
    const { lines, dropped } = textTable(COLUMNS, 16);
    expect(dropped).toEqual(["Team", "Manager"]);
    expect(lines[1]).toBe("│ ID │ Name    │");
    expect(lines[3]).toBe("│ 22 │ 山田太… │");
  });

  it("caps a column at its max even without a width", () => {
    const capped = textTable([{ head: "Name", cells: ["Maximiliane Alexandra"], max: 10 }], undefined);
    expect(capped.lines[2]).toBe("│ Maximilia… │");
  });

  it("shows line breaks inside a cell as spaces, keeping one row per line", () => {
    const { lines } = textTable([{ head: "Note", cells: ["two\nlines"] }], undefined);
    expect(lines).toEqual(["┌───────────┐", "│ Note      │", "│ two lines │", "└───────────┘"]);
  });
});
