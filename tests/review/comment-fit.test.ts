import { fitComment, type Section } from "../../src/review/comment-fit";

const SECTION: Section = {
  intro: "### Users (3)",
  header: "| id |\n|---|",
  rows: ["| 1 |", "| 2 |", "| 3 |"],
  noun: "changed users",
};

describe("fitting the summary into the comment limit", () => {
  it("keeps everything when it fits", () => {
    expect(fitComment("# head", [SECTION], 1000, "prod")).toBe(
      "# head\n\n### Users (3)\n\n| id |\n|---|\n| 1 |\n| 2 |\n| 3 |",
    );
  });

  it("cuts rows from the end and says how many are not shown", () => {
    const note =
      "_… and 1 more changed users not shown (the comment limit is 250 characters); " +
      "run `npm run preview -- --stack prod` locally for the full list._";
    expect(
      fitComment("# head", [{ ...SECTION, rows: ["| 1 |", "| 2 |", `| ${"9".repeat(200)} |`] }], 250, "prod"),
    ).toBe(`# head\n\n### Users (3)\n\n| id |\n|---|\n| 1 |\n| 2 |\n\n${note}`);
  });

  it("cuts hard, never longer than the limit, when even the head does not fit", () => {
    const text = fitComment("x".repeat(500), [SECTION], 300, "prod");
    expect(text).toHaveLength(300);
    expect(text.endsWith("locally for the full summary._")).toBe(true);
  });
});
