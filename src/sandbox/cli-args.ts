import { parseArgs } from "node:util";
import {
  type CommandSpec,
  type FlagTable,
  flagList,
  helpText,
  parseArgsOptions,
  parseFailureLine,
} from "../util/flag-table";
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

/** The sandbox's flags: one table for parseArgs and `--help` (util/flag-table). */
const SANDBOX_FLAGS = {
  port: {
    type: "string",
    value: "N",
    default: "0, a free port",
    description: "the port on 127.0.0.1",
    example: "8080",
  },
  data: {
    type: "string",
    value: "FILE",
    default: "the sample company",
    description: 'employees: Personio\'s {"data": [...]} shape, a list of items, or a compact seed',
    example: "company.json",
  },
  generate: {
    type: "string",
    value: "N",
    default: "none, the sample company",
    description: "employees: a synthetic company of N (instead of --data)",
    example: "10000",
  },
  latency: {
    type: "string",
    value: "MS",
    default: "0",
    description: "milliseconds added before every answer",
    example: "200",
  },
  today: {
    type: "string",
    value: "YYYY-MM-DD",
    default: "today, Berlin",
    description: "the date relative seed dates (today-1) resolve against",
    example: "2026-10-01",
  },
  "token-ttl": {
    type: "string",
    value: "SECONDS",
    default: "86400",
    description: "expires_in of issued tokens",
    example: "60",
  },
  "reject-credentials": { type: "boolean", description: "every POST /v1/auth answers 401" },
  "rate-limit": {
    type: "string",
    value: "PERSEC/PERMIN",
    default: "none, no limit",
    description: "answer 429 above these rates (Personio's are 15/300)",
    example: "15/300",
  },
  graph: {
    type: "boolean",
    description: "also start the Microsoft Graph emulator, its tenant seeded from the same company",
  },
  "graph-port": {
    type: "string",
    value: "N",
    default: "0, a free port",
    description: "the Graph emulator's port (implies --graph)",
    example: "8443",
  },
  "webhook-url": {
    type: "string",
    value: "URL",
    default: "none, no webhooks",
    description: "post Personio's v2 webhooks here when an employee changes (needs --webhook-token)",
    example: "http://127.0.0.1:9464/webhooks/personio",
  },
  "webhook-token": {
    type: "string",
    value: "T",
    default: "none",
    description: "sent verbatim as the Authorization header, as Personio does",
    example: '"$PERSONIO_WEBHOOK_TOKEN"',
  },
} as const satisfies FlagTable;

const SANDBOX_SPEC: CommandSpec = {
  usage: "npm run sandbox -- [flags]",
  about: "A Personio emulator (and with --graph a Microsoft Graph emulator) for demos, tests and benches.",
  flags: SANDBOX_FLAGS,
  notes: [
    "Prints the base URL as the first line, then PERSONIO_CLIENT_ID=… and PERSONIO_CLIENT_SECRET=…; with --graph",
    "also GRAPH_ENDPOINT, AZURE_AUTHORITY_HOST, AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; stops on Ctrl-C.",
  ],
  example: "npm run sandbox -- --generate 500 --graph",
};

/** `npm run sandbox -- --help`. */
export const SANDBOX_USAGE = helpText(SANDBOX_SPEC);

const FLAGS = parseArgsOptions({ flags: SANDBOX_FLAGS });

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
const ALLOWED_FLAGS = flagList(FLAGS);

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
    return parseFailureLine(error, FLAGS, SANDBOX_SPEC.usage);
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
