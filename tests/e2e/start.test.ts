import { start } from "../../scripts/start";
import { displayWidth } from "../../src/util/display-width";

/** `COLUMNS=100 npm start`, in process: the sandbox, the Graph emulator, the export and the plan. */
describe("npm start", () => {
  it.each([80, 100])("prints no line over COLUMNS=%i columns", async (width) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await start([], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { COLUMNS: String(width), PERSONIO_CLIENT_SECRET: "ignored: the sandbox's credentials win" },
      now: () => new Date(),
      columns: 300,
    });
    expect(code).toBe(0);
    const lines = [...out, ...err].join("\n").split("\n");
    expect(lines.filter((line) => displayWidth(line) > width)).toEqual([]);
    const text = out.join("\n").split("\n");
    expect(text[0]).toMatch(/^Plan for \d{4}-\d{2}-\d{2} \(Europe\/Berlin\)$/);
    expect(text[1]).toMatch(/^Summary: 69 employees → 64 users /);
    expect(text).toContain("Users (64)");
    expect(text.filter((line) => line.startsWith("│ ")).length).toBeGreaterThan(64);
  });
});
