import { parseArgs } from "node:util";
import { isCalendarDate } from "./dates";

/** What `npm run sandbox -- …` asks for. */
export interface SandboxCliOptions {
  readonly help: boolean;
  readonly port: number;
  readonly data: string | undefined;
  readonly generate: number | undefined;
  readonly latencyMs: number;
  readonly today: string | undefined;
  readonly tokenTtlSeconds: number | undefined;
  readonly rejectCredentials: boolean;
  readonly rateLimit: { readonly perSecond: number; readonly perMinute: number } | undefined;
  /** Start the Microsoft Graph emulator too, on this port (0: a free one); undefined: Personio only. */
  readonly graphPort: number | undefined;
  /** Post Personio's webhooks to this URL with this token (sent verbatim as Authorization); undefined: none. */
  readonly webhook: { readonly url: string; readonly token: string } | undefined;
}

/** A command line the sandbox cannot run with; the message is one line naming the flag, the value and what is allowed. */
export class CliError extends Error {}

export const SANDBOX_USAGE = `Usage: npm run sandbox -- [flags]
  --port N                 port on 127.0.0.1 (default 0: a free port)
  --data FILE              employees: Personio's {"data": [...]} shape, a list of items, or a compact seed
  --generate N             employees: a synthetic company of N (instead of --data)
  --latency MS             milliseconds added before every answer (default 0)
  --today YYYY-MM-DD       the date relative seed dates (today-1) resolve against (default: today, Berlin)
  --token-ttl SECONDS      expires_in of issued tokens (default 86400)
  --reject-credentials     every POST /v1/auth answers 401
  --rate-limit PERSEC/PERMIN  answer 429 above these rates, e.g. 15/300 (Personio's limits)
  --graph                  also start the Microsoft Graph emulator, its tenant seeded from the same company
  --graph-port N           its port (implies --graph; default 0: a free port)
  --webhook-url URL        post Personio's v2 webhooks here when an employee changes (needs --webhook-token)
  --webhook-token T        sent verbatim as the Authorization header, as Personio does
  --help                   this text
Prints the base URL as the first line, then PERSONIO_CLIENT_ID=… and PERSONIO_CLIENT_SECRET=…; with --graph
also GRAPH_ENDPOINT, AZURE_AUTHORITY_HOST, AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; stops on Ctrl-C.`;

const FLAGS = {
  help: { type: "boolean" },
  port: { type: "string" },
  data: { type: "string" },
  generate: { type: "string" },
  latency: { type: "string" },
  today: { type: "string" },
  "token-ttl": { type: "string" },
  "reject-credentials": { type: "boolean" },
  "rate-limit": { type: "string" },
  graph: { type: "boolean" },
  "graph-port": { type: "string" },
  "webhook-url": { type: "string" },
  "webhook-token": { type: "string" },
} as const;

/** What each flag allows, as error messages say it. */
const ALLOWED: Readonly<Record<string, string>> = {
  "--port": "a whole number 0-65535 (0 picks a free port)",
  "--data": "a path to a JSON company file",
  "--generate": "a whole number of employees 0-1000000",
  "--latency": "whole milliseconds 0-600000",
  "--today": "a date YYYY-MM-DD",
  "--token-ttl": "whole seconds 0-31536000",
  "--rate-limit": "PERSEC/PERMIN, two whole numbers of 1 or more, e.g. 15/300",
  "--graph-port": "a whole number 0-65535 (0 picks a free port)",
  "--webhook-url": "an http:// or https:// URL",
  "--webhook-token": "a non-empty token, given with --webhook-url",
};
const ALLOWED_FLAGS = Object.keys(FLAGS)
  .map((flag) => `--${flag}`)
  .join(", ");

/** Parses the sandbox's command line; throws {@link CliError} on the first bad flag. */
export function parseSandboxArgs(argv: readonly string[]): SandboxCliOptions {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new CliError(describeParseError(error as Error & { code?: string }));
  }
  if (values.data !== undefined && values.generate !== undefined) {
    throw new CliError(
      `Invalid flags: --data ${JSON.stringify(values.data)} and --generate ${JSON.stringify(values.generate)} both given. Allowed: one of them, or neither (the sample company).`,
    );
  }
  return {
    help: values.help ?? false,
    port: whole("--port", values.port, 0, 65_535) ?? 0,
    data: values.data,
    generate: whole("--generate", values.generate, 0, 1_000_000),
    latencyMs: whole("--latency", values.latency, 0, 600_000) ?? 0,
    today: calendarDate(values.today),
    tokenTtlSeconds: whole("--token-ttl", values["token-ttl"], 0, 31_536_000),
    rejectCredentials: values["reject-credentials"] ?? false,
    rateLimit: rateLimit(values["rate-limit"]),
    graphPort:
      whole("--graph-port", values["graph-port"], 0, 65_535) ?? (values.graph === true ? 0 : undefined),
    webhook: webhook(values["webhook-url"], values["webhook-token"]),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false });
}

function describeParseError(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  const flag = quoted.split(" ")[0] ?? quoted;
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
    return `Unknown flag ${flag}. Allowed: ${ALLOWED_FLAGS}.`;
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `Unexpected argument ${JSON.stringify(quoted)}. Allowed: flags only (${ALLOWED_FLAGS}).`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/does not take an argument/.test(error.message)) return `Invalid flag ${flag}: it takes no value.`;
    return `Missing value for ${flag}. Allowed: ${ALLOWED[flag] ?? "a value"} (write --flag=-x for a value starting with -).`;
  }
  return error.message;
}

function invalid(flag: string, value: string): CliError {
  return new CliError(`Invalid value for ${flag}: ${JSON.stringify(value)}. Allowed: ${ALLOWED[flag]}.`);
}

function whole(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) throw invalid(flag, value);
  return n;
}

function calendarDate(value: string | undefined): string | undefined {
  if (value !== undefined && !isCalendarDate(value)) throw invalid("--today", value);
  return value;
}

function rateLimit(value: string | undefined): SandboxCliOptions["rateLimit"] {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [perSecond, perMinute] = [Number(match?.[1]), Number(match?.[2])];
  if (match === null || perSecond < 1 || perMinute < 1) {
    throw invalid("--rate-limit", value);
  }
  return { perSecond, perMinute };
}

function webhook(url: string | undefined, token: string | undefined): SandboxCliOptions["webhook"] {
  if (url === undefined && token === undefined) return undefined;
  if (url === undefined) {
    throw new CliError(
      "Invalid flags: --webhook-token given without --webhook-url. Allowed: both, or neither.",
    );
  }
  if (!URL.canParse(url) || !["http:", "https:"].includes(new URL(url).protocol)) {
    throw invalid("--webhook-url", url);
  }
  if (token === undefined) {
    throw new CliError(
      "Missing --webhook-token for --webhook-url. Allowed: a non-empty token, sent verbatim as the Authorization header.",
    );
  }
  if (token.trim() === "")
    throw new CliError("Invalid value for --webhook-token: empty. Allowed: a non-empty token.");
  return { url, token };
}
