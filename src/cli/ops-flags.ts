import { DURATION_FLAGS, durationFlag } from "./duration-flags";
import type { FlagTable, Values } from "./flags";
import { CommandError, EXIT } from "./io";
import { NOTIFY_FORMATS, type NotifyFormat } from "../notify/format";
import type { OpsSettings } from "../ops/settings";

/** The webhook route's path when `--webhook-path` is not given. */
export const DEFAULT_WEBHOOK_PATH = "/webhooks/personio";
/** The shortest `PERSONIO_WEBHOOK_TOKEN` taken: 32 characters, e.g. `openssl rand -hex 32` gives 64. */
export const MIN_WEBHOOK_TOKEN = 32;
const OPS_PATHS = ["/healthz", "/readyz", "/metrics"];

/** The operations flags of `reconcile`. */
export const OPS_FLAGS = {
  listen: {
    type: "string",
    value: "HOST:PORT",
    default: "off, no server",
    description: "serve /healthz, /readyz, /metrics (and with PERSONIO_WEBHOOK_TOKEN Personio's webhooks)",
    example: "0.0.0.0:9464",
  },
  "notify-url": {
    type: "string",
    value: "URL",
    default: "NOTIFY_URL, else no notifications",
    description: "post refusals, failures and recoveries to this chat webhook",
    example: "https://example.webhook.office.com/…",
  },
  "notify-format": {
    type: "string",
    value: "teams|slack|json",
    default: "teams",
    description: "the notification's format",
    example: "slack",
  },
  "max-staleness": {
    type: "string",
    value: "DURATION",
    default: DURATION_FLAGS["max-staleness"].fallback,
    description: "how long without a successful cycle until /healthz?sync and the metrics say stale",
    example: "6h",
  },
  "webhook-path": {
    type: "string",
    value: "PATH",
    default: DEFAULT_WEBHOOK_PATH,
    description: "the route of Personio's webhooks (with --listen)",
    example: "/hooks/personio",
  },
  debounce: {
    type: "string",
    value: "DURATION",
    default: DURATION_FLAGS.debounce.fallback,
    description: "how long a webhook's ids wait for more before their targeted cycle",
    example: "10s",
  },
} as const satisfies FlagTable;

/** Reads and checks the operations flags; a bad one is a usage error naming it. */
export function opsSettings(values: Values, env: Readonly<Record<string, string | undefined>>): OpsSettings {
  const listen = values["listen"];
  const url = typeof values["notify-url"] === "string" ? values["notify-url"] : env["NOTIFY_URL"];
  const format = values["notify-format"] ?? "teams";
  if (!(NOTIFY_FORMATS as readonly unknown[]).includes(format)) {
    throw usage(
      `Invalid value for --notify-format: ${JSON.stringify(format)}. Allowed: teams, slack or json.`,
    );
  }
  const maxStalenessMs = durationFlag(values, "max-staleness");
  return {
    ...(typeof listen === "string" ? { listen: hostPort(listen) } : {}),
    ...(url === undefined || url === ""
      ? {}
      : { notify: { url: webhookUrl(url), format: format as NotifyFormat } }),
    maxStalenessMs,
    ...(typeof listen === "string" ? { webhook: webhookSettings(values, env) } : {}),
  };
}

/** The webhook route: `--webhook-path` and the token from `PERSONIO_WEBHOOK_TOKEN` (none: the route is off). */
export function webhookSettings(
  values: Values,
  env: Readonly<Record<string, string | undefined>>,
): { path: string; token?: string } {
  const raw = values["webhook-path"];
  const path = typeof raw === "string" ? raw : DEFAULT_WEBHOOK_PATH;
  if (!/^\/[A-Za-z0-9._~/-]{1,200}$/.test(path) || OPS_PATHS.includes(path)) {
    throw usage(
      `Invalid value for --webhook-path: ${JSON.stringify(path)}. Allowed: a path such as ${DEFAULT_WEBHOOK_PATH} (letters, digits, . _ ~ - /), not ${OPS_PATHS.join(", ")}.`,
    );
  }
  const token = env["PERSONIO_WEBHOOK_TOKEN"];
  if (token === undefined || token === "") return { path };
  if (token.length < MIN_WEBHOOK_TOKEN || /\s/.test(token)) {
    throw usage(
      `Invalid value for PERSONIO_WEBHOOK_TOKEN: ${token.length} characters (value not shown). Allowed: at least ${MIN_WEBHOOK_TOKEN} characters without spaces, e.g. from openssl rand -hex 32.`,
    );
  }
  return { path, token };
}

/** `127.0.0.1:9464`, `0.0.0.0:9464`, `[::1]:9464`; port 0 picks a free one. */
export function hostPort(text: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (match === null || port > 65535) {
    throw usage(
      `Invalid value for --listen: ${JSON.stringify(text)}. Allowed: HOST:PORT, e.g. 127.0.0.1:9464 or 0.0.0.0:9464.`,
    );
  }
  return { host: (match[1] as string).replace(/^\[(.*)\]$/, "$1"), port };
}

/** The value is not echoed: a webhook URL carries its own secret. */
function webhookUrl(text: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw usage(
      "Invalid value for --notify-url (or NOTIFY_URL): not an http(s) URL (value not shown: it holds the webhook's secret). Allowed: https://…",
    );
  }
  return text;
}

function usage(message: string): CommandError {
  return new CommandError(message, EXIT.usage);
}
