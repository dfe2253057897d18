import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FLOORS } = require("../.dependency-cruiser.cjs") as { FLOORS: readonly (readonly string[])[] };

const srcFolders = readdirSync(path.join(ROOT, "src"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("the floors of src/ (.dependency-cruiser.cjs, checked by npm run lint)", () => {
  it("give every folder of src/ exactly one floor, and name no folder that does not exist", () => {
    const placed = FLOORS.flat();
    expect([...placed].sort()).toStrictEqual(srcFolders);
    expect(new Set(placed).size).toBe(placed.length);
  });
});

describe("docs/ARCHITECTURE.md", () => {
  const doc = readFileSync(path.join(ROOT, "docs/ARCHITECTURE.md"), "utf8");

  it.each(srcFolders)("names src/%s/ with one line", (folder) => {
    expect(doc).toMatch(new RegExp(`^\\s*${folder}/ {2,}\\S`, "m"));
  });

  it("draws the folders top to bottom in the order of the floors", () => {
    const drawn = [...doc.matchAll(/^ {0,2}([a-z-]+)\/ {2,}\S/gm)].map((match) => match[1]);
    expect(drawn).toStrictEqual(FLOORS.flat());
  });

  it("is linked from the README", () => {
    expect(readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain("(docs/ARCHITECTURE.md)");
  });
});
