import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConfigError } from "../../src/config";
import { CommandError } from "../../src/cli/io";
import { loopTimezone } from "../../src/cli/loop-timezone";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "loop-tz-"));
  mkdirSync(path.join(dir, "stacks"));
  writeFileSync(
    path.join(dir, "stacks", "Pulumi.prod.yaml"),
    "config:\n  personio-azuread:timezone: Asia/Kathmandu\n",
  );
  writeFileSync(path.join(dir, "stacks", "Pulumi.bare.yaml"), "config:\n  azuread:tenantId: x\n");
  writeFileSync(
    path.join(dir, "stacks", "Pulumi.bad.yaml"),
    "config:\n  personio-azuread:timezone: Mars/Base\n",
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loopTimezone", () => {
  it.each([
    ["--timezone wins", "Europe/Berlin", "prod", "Europe/Berlin"],
    ["the stack file's timezone", undefined, "prod", "Asia/Kathmandu"],
    [
      "the stack file's timezone for a fully qualified stack",
      undefined,
      "acme/personio-azuread/prod",
      "Asia/Kathmandu",
    ],
    ["UTC when the stack file sets none", undefined, "bare", "UTC"],
    ["UTC without a stack file", undefined, "missing", "UTC"],
  ])("takes %s", (_, flag, stack, expected) => {
    expect(loopTimezone(flag, dir, stack)).toBe(expected);
  });

  it("fails on a bad --timezone with one line", () => {
    expect(() => loopTimezone("Berlin", dir, "prod")).toThrow(
      new CommandError(
        'Invalid value for --timezone: "Berlin". Allowed: an IANA time zone such as Europe/Berlin.',
        2,
      ),
    );
  });

  it("fails on a bad timezone in the stack file as the program would", () => {
    expect(() => loopTimezone(undefined, dir, "bad")).toThrow(
      new ConfigError(
        'Invalid value for personio-azuread:timezone: "Mars/Base". Allowed: an IANA time zone such as Europe/Berlin.',
      ),
    );
  });
});
