import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const CONFIG = join(__dirname, "../../src/config");

describe("src/config is a bottom layer", () => {
  it("imports nothing from the layers that use it (render, program, runner, plan, pipeline)", () => {
    const imports = readdirSync(CONFIG)
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) =>
        [...readFileSync(join(CONFIG, file), "utf8").matchAll(/from "(\.\.\/[^"]+)"/g)].map(
          (match) => `${file}: ${match[1]}`,
        ),
      )
      .filter((line) => /\.\.\/(render|program|runner|plan|pipeline|cli)\b/.test(line));
    expect(imports).toStrictEqual([]);
  });
});
