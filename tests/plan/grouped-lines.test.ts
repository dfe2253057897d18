import { groupedLines } from "../../src/plan/grouped-lines";

const unreadable = (ids: number[]) => ids.map((id) => ({ kind: "unreadable_record", label: String(id) }));

describe("groupedLines", () => {
  it("gives one line per kind with its count, the first three ids and how many more", () => {
    const ids = Array.from({ length: 37 }, (_, i) => 12 + i * 3);
    expect(groupedLines(unreadable(ids), "!", 100)).toEqual([
      "! 37 × unreadable_record: 12, 15, 18, … (+34)",
    ]);
  });

  it.each([
    [1, "! 1 × unreadable_record: 5"],
    [3, "! 3 × unreadable_record: 5, 6, 7"],
    [4, "! 4 × unreadable_record: 5, 6, 7, … (+1)"],
  ])("with %i ids: %s", (count, line) => {
    expect(groupedLines(unreadable(Array.from({ length: count }, (_, i) => 5 + i)), "!", 100)).toEqual([
      line,
    ]);
  });

  it("puts the most frequent kind first, equal counts by kind", () => {
    const entries = [
      { kind: "missing_required_attribute (email)", label: "20" },
      { kind: "not_yet_due", label: "67 (create 2026-12-31)" },
      { kind: "hybrid_account", label: "1" },
      { kind: "hybrid_account", label: "4" },
    ];
    expect(groupedLines(entries, "-", 100)).toEqual([
      "- 2 × hybrid_account: 1, 4",
      "- 1 × missing_required_attribute (email): 20",
      "- 1 × not_yet_due: 67 (create 2026-12-31)",
    ]);
  });

  it("lists every id without a width (--wide)", () => {
    expect(groupedLines(unreadable([1, 2, 3, 4, 5]), "!", undefined)).toEqual([
      "! 5 × unreadable_record: 1, 2, 3, 4, 5",
    ]);
  });

  it("wraps a long kind to the width", () => {
    const kind = "employeeId (the matching account is synced from on-premises AD; not adopted)";
    expect(groupedLines([{ kind, label: "1" }], "!", 40)).toEqual([
      "! 1 × employeeId (the matching account",
      "    is synced from on-premises AD; not",
      "    adopted): 1",
    ]);
  });
});
