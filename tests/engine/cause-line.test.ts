import { causeLine } from "../../src/engine/cause-line";

describe("causeLine", () => {
  it("takes the CLI's first error line and redacts what names a person", () => {
    const output = [
      "Updating (prod):",
      "    azuread:index/user:User employee-7 updating",
      '  error: Could not update user "jane.roe@example.org" (Jane Roe): Another object with the same value exists',
      "  error: update failed",
    ].join("\n");
    expect(causeLine(new Error(output))).toBe(
      "error: Could not update user [redacted] ([redacted]): Another object with the same value exists",
    );
  });

  it("falls back to the first line, and to a fixed text for an empty error", () => {
    expect(causeLine(new Error("\n  connection refused\nmore"))).toBe("connection refused");
    expect(causeLine(new Error(""))).toBe("unknown error");
    expect(causeLine("plain text")).toBe("plain text");
  });

  it("keeps the line to 300 characters", () => {
    expect(causeLine(new Error(`error: ${"x".repeat(400)}`))).toHaveLength(300);
  });
});
