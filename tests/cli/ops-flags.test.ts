import { CommandError } from "../../src/cli/io";
import { hostPort, opsSettings, webhookSettings } from "../../src/cli/ops-flags";

describe("operations flags", () => {
  it("default to no server, no notifications and 3 h of staleness", () => {
    expect(opsSettings({}, {})).toEqual({ maxStalenessMs: 3 * 3_600_000 });
  });

  it("take --notify-url over NOTIFY_URL, with Teams as the default format", () => {
    expect(
      opsSettings({ "notify-url": "https://a.example/x" }, { NOTIFY_URL: "https://b.example/y" }),
    ).toEqual({
      notify: { url: "https://a.example/x", format: "teams" },
      maxStalenessMs: 10_800_000,
    });
    expect(
      opsSettings(
        { "notify-format": "slack", "max-staleness": "90m" },
        { NOTIFY_URL: "https://b.example/y" },
      ),
    ).toEqual({ notify: { url: "https://b.example/y", format: "slack" }, maxStalenessMs: 5_400_000 });
  });

  it.each([
    ["127.0.0.1:9464", { host: "127.0.0.1", port: 9464 }],
    ["0.0.0.0:9464", { host: "0.0.0.0", port: 9464 }],
    ["[::1]:0", { host: "::1", port: 0 }],
    ["localhost:65535", { host: "localhost", port: 65535 }],
  ])("--listen %s", (text, expected) => {
    expect(hostPort(text)).toEqual(expected);
  });

  it.each([
    [
      { listen: "9464" },
      'Invalid value for --listen: "9464". Allowed: HOST:PORT, e.g. 127.0.0.1:9464 or 0.0.0.0:9464.',
    ],
    [
      { listen: "127.0.0.1:70000" },
      'Invalid value for --listen: "127.0.0.1:70000". Allowed: HOST:PORT, e.g. 127.0.0.1:9464 or 0.0.0.0:9464.',
    ],
    [
      { "notify-format": "discord" },
      'Invalid value for --notify-format: "discord". Allowed: teams, slack or json.',
    ],
    [
      { "max-staleness": "3 hours" },
      'Invalid value for --max-staleness: "3 hours". Allowed: a duration above 0 up to 365d, such as 90s, 30m, 1h or 1d.',
    ],
    [
      { "max-staleness": "400d" },
      'Invalid value for --max-staleness: "400d". Allowed: a duration above 0 up to 365d, such as 90s, 30m, 1h or 1d.',
    ],
    [
      { "notify-url": "ftp://hooks.example/secret-token" },
      "Invalid value for --notify-url (or NOTIFY_URL): not an http(s) URL (value not shown: it holds the webhook's secret). Allowed: https://…",
    ],
  ])("fails when %j", (values, message) => {
    expect(() => opsSettings(values, {})).toThrow(new CommandError(message, 2));
    try {
      opsSettings(values, {});
    } catch (error) {
      expect((error as CommandError).exitCode).toBe(2);
    }
  });

  it.each([
    [{}, {}, { path: "/webhooks/personio" }],
    [{}, { PERSONIO_WEBHOOK_TOKEN: "" }, { path: "/webhooks/personio" }],
    [
      { "webhook-path": "/hooks/p" },
      { PERSONIO_WEBHOOK_TOKEN: "t".repeat(32) },
      { path: "/hooks/p", token: "t".repeat(32) },
    ],
  ])("take the webhook route from %j and %j", (values, env, expected) => {
    expect(webhookSettings(values, env)).toEqual(expected);
  });

  it("add the webhook route only with --listen", () => {
    const env = { PERSONIO_WEBHOOK_TOKEN: "t".repeat(40) };
    expect(opsSettings({}, env).webhook).toBeUndefined();
    expect(opsSettings({ listen: "127.0.0.1:0" }, env).webhook).toEqual({
      path: "/webhooks/personio",
      token: "t".repeat(40),
    });
  });

  it.each([
    [
      { "webhook-path": "/metrics" },
      {},
      'Invalid value for --webhook-path: "/metrics". Allowed: a path such as /webhooks/personio (letters, digits, . _ ~ - /), not /healthz, /readyz, /metrics.',
    ],
    [
      { "webhook-path": "webhooks" },
      {},
      'Invalid value for --webhook-path: "webhooks". Allowed: a path such as /webhooks/personio (letters, digits, . _ ~ - /), not /healthz, /readyz, /metrics.',
    ],
    [
      {},
      { PERSONIO_WEBHOOK_TOKEN: "short-secret" },
      "Invalid value for PERSONIO_WEBHOOK_TOKEN: 12 characters (value not shown). Allowed: at least 32 characters without spaces, e.g. from openssl rand -hex 32.",
    ],
  ])("fail when the webhook route is %j %j", (values, env, message) => {
    expect(() => webhookSettings(values, env)).toThrow(new CommandError(message, 2));
  });
});
