import { type CheckResult, checkLine, doctorExitStatus, skipped } from "../../src/doctor/check";

describe("checkLine", () => {
  it.each<[CheckResult, string]>([
    [{ name: "time zone", status: "ok", detail: "UTC." }, "✓ time zone: UTC."],
    [
      { name: "Pulumi CLI", status: "fail", detail: "missing.", fix: "install it." },
      "✗ Pulumi CLI: missing. Fix: install it.",
    ],
    [{ name: "time zone", status: "warn", detail: "UTC.", fix: "set it." }, "! time zone: UTC. Fix: set it."],
    [skipped("Pulumi backend", "the Pulumi CLI failed"), "– Pulumi backend: skipped: the Pulumi CLI failed."],
  ])("prints %j as one line", (result, line) => {
    expect(checkLine(result)).toBe(line);
  });
});

describe("doctorExitStatus", () => {
  it.each<[CheckResult["status"][], number]>([
    [["ok", "warn", "skip"], 0],
    [["ok", "fail", "skip"], 1],
    [[], 0],
  ])("is %j → %i", (statuses, code) => {
    expect(doctorExitStatus(statuses.map((status) => ({ name: "x", status, detail: "y" })))).toBe(code);
  });
});
