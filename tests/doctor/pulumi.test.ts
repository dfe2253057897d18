import { backendOrigin, checkBackend, checkPulumiVersion } from "../../src/doctor/pulumi";

const INSTALL =
  "install the Pulumi CLI 3.174 or later (curl -fsSL https://get.pulumi.com | sh, or " +
  "https://www.pulumi.com/docs/install/) and put it on PATH, or pass --pulumi-root DIR holding bin/pulumi.";

describe("checkPulumiVersion", () => {
  it.each([
    ["v3.174.0\n", "ok", "3.174.0 (3.174.0 or later needed)."],
    ["v3.205.1", "ok", "3.205.1 (3.174.0 or later needed)."],
    ["4.0.0-alpha.1", "ok", "4.0.0 (3.174.0 or later needed)."],
    ["v3.173.9", "fail", "3.173.9 is older than 3.174.0."],
    ["v2.999.0", "fail", "2.999.0 is older than 3.174.0."],
    ["warning: something\n", "fail", "pulumi version answered no version number."],
  ])("judges %j as %s", (output, status, detail) => {
    const result = checkPulumiVersion({ ok: true, output });
    expect(result).toEqual({
      name: "Pulumi CLI",
      status,
      detail,
      ...(status === "fail" ? { fix: INSTALL } : {}),
    });
  });

  it("fails with the reason when the CLI gave no answer", () => {
    expect(checkPulumiVersion({ ok: false, why: "pulumi on PATH not found" })).toEqual({
      name: "Pulumi CLI",
      status: "fail",
      detail: "pulumi on PATH not found.",
      fix: INSTALL,
    });
  });
});

describe("backendOrigin", () => {
  it.each([
    ["https://app.pulumi.com/jdoe", "https://app.pulumi.com"],
    ["file:///home/jdoe/.pulumi", "file://"],
    ["file://~", "file://~"],
    ["s3://bucket/prefix?region=eu-central-1&awssdk=v2", "s3://bucket"],
    ["azblob://state?storage_account=acct", "azblob://state"],
    ["https://user:password@pulumi.example.com/org", "https://pulumi.example.com"],
    ["not a url", "an unrecognised URL"],
  ])("shows %s as %s", (url, shown) => {
    expect(backendOrigin(url)).toBe(shown);
  });
});

describe("checkBackend", () => {
  const whoami = {
    ok: true as const,
    output: "User: jdoe\nOrganizations: jdoe, acme\nBackend URL: https://app.pulumi.com/jdoe\n",
  };

  it.each([
    ["PULUMI_BACKEND_URL first", "gs://state/x", whoami, "ok", "gs://state (PULUMI_BACKEND_URL)."],
    ["the login otherwise", undefined, whoami, "ok", "https://app.pulumi.com (pulumi login)."],
    ["a blank variable as unset", " ", whoami, "ok", "https://app.pulumi.com (pulumi login)."],
  ])("takes %s", (_, url, answer, status, detail) => {
    expect(checkBackend(url, answer)).toEqual({ name: "Pulumi backend", status, detail });
  });

  it.each([
    [
      { ok: false as const, why: "pulumi whoami -v failed (exit 255)" },
      "not logged in (pulumi whoami -v failed (exit 255)).",
    ],
    [{ ok: true as const, output: "User: jdoe\n" }, "not logged in (pulumi whoami -v named no backend)."],
  ])("fails without a login: %j", (answer, detail) => {
    expect(checkBackend(undefined, answer)).toEqual({
      name: "Pulumi backend",
      status: "fail",
      detail,
      fix:
        "pulumi login (Pulumi Cloud, PULUMI_ACCESS_TOKEN in CI), pulumi login --local or pulumi login " +
        "azblob://… / s3://…, or set PULUMI_BACKEND_URL.",
    });
  });
});
