import path from "node:path";
import { createInterface } from "node:readline/promises";
import { ConfigError } from "../config";
import { type AttributeDefinition, PersonioClient, PersonioError } from "../personio";
import { DEFAULT_APP_ID, DEFAULT_BASE_URL } from "../personio/endpoint";
import { reportFailure } from "./failure";
import { type CommandSpec, parseFlags, printedHelp } from "./flags";
import type { InitAnswers } from "./init-answers";
import { type InitContext, type Question, QUESTIONS } from "./init-questions";
import { checkNewFile, createFileOnce } from "./init-write";
import { checkStackFileText, stackFileText } from "./init-yaml";
import { type CommandIO, CommandError, EXIT } from "./io";
import { stackConfigFile } from "./runner-args";

const SPEC: CommandSpec = {
  usage: "npm run init -- [flags]",
  about:
    "Asks for the stack, the login schema, the time zone, the joiners policy and a first attribute mapping, and writes a commented stacks/Pulumi.<stack>.yaml; never overwrites one. A flag answers its question; --yes asks nothing. Exit 0 written, 2 an answer or flag is invalid or the file exists.",
  flags: {
    yes: { type: "boolean", description: "ask nothing: flags and defaults only (for scripts)" },
    cwd: {
      type: "string",
      value: "DIR",
      default: "the current directory",
      description: "the project directory, holding stacks/",
      example: "/srv/personio-azuread",
    },
    ...Object.fromEntries(QUESTIONS.map(({ flag: { name, ...spec } }) => [name, spec])),
  },
  notes: [
    "With PERSONIO_CLIENT_ID and PERSONIO_CLIENT_SECRET (and PERSONIO_BASE_URL) set, the mapping is offered from the attributes Personio lists.",
  ],
  example:
    "npm run init -- --yes --stack prod --domain contoso.com --timezone Europe/Berlin --client-id abc123",
};

export interface InitDeps {
  readonly io: CommandIO;
  /** Where answers are read and questions written: the terminal in the script, streams in tests. */
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** The default time zone; default: this machine's. */
  readonly timeZone?: string;
  /** The attributes the Personio credentials may read; default: GET /v1/company/employees/attributes. */
  readonly listAttributes?: (env: CommandIO["env"]) => Promise<AttributeDefinition[]>;
}

/**
 * `npm run init`: writes a new, commented stack file from answers (asked, or from flags with `--yes`), each
 * checked by the stack config's schema when given — a bad one is asked again, or with `--yes` exit 2 — and the
 * whole file read back through the stack-config loader before it is created. Never replaces a file.
 */
export async function runInitCommand(argv: readonly string[], deps: InitDeps): Promise<number> {
  const { io } = deps;
  const lines = createInterface({ input: deps.input, terminal: false });
  try {
    const values = parseFlags(argv, SPEC);
    if (printedHelp(values, SPEC, io)) return EXIT.ok;
    const cwd = path.resolve(typeof values["cwd"] === "string" ? values["cwd"] : ".");
    const yes = values["yes"] === true;
    const ask = answerReader(lines, deps.output);
    const answers: Partial<Record<keyof InitAnswers, unknown>> = {};
    const context = (readable: readonly string[] | undefined): InitContext => ({
      env: io.env,
      timeZone: deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      readable,
      answers: answers as Partial<InitAnswers>,
    });
    const readable = await attributes(deps, yes);
    for (const q of QUESTIONS) {
      if (q.skip?.(answers as Partial<InitAnswers>) === true) continue;
      const ctx = context(readable);
      const flag = values[q.flag.name];
      answers[q.key] =
        typeof flag === "string"
          ? q.read(flag, ctx)
          : yes
            ? q.read(fallbackOrMissing(q, ctx), ctx)
            : await askUntilValid(q, ctx, ask, io);
      if (q.key === "stack") checkNewFile(stackConfigFile(cwd, answers.stack as string));
    }
    const done = { ...answers, endUse: answers.endUse ?? "entire" } as InitAnswers;
    const file = stackConfigFile(cwd, done.stack);
    const text = stackFileText(done);
    checkStackFileText(text, done);
    createFileOnce(file, text);
    io.stdout(
      `Wrote ${file}. Next: pulumi stack init ${done.stack}; pulumi config set --secret personioClientSecret <secret>; ` +
        `PERSONIO_CLIENT_SECRET=<secret> npm run plan -- --stack-config ${path.relative(cwd, file)}`,
    );
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, io, {
      usage: [ConfigError],
      otherwise: (cause) =>
        `Init failed, nothing written: ${cause instanceof Error ? cause.message : String(cause)}`,
    });
  } finally {
    lines.close();
  }
}

/** Asks until the answer reads; each refusal is its one line on stderr. Enter takes the default. */
async function askUntilValid(
  q: Question,
  ctx: InitContext,
  ask: (prompt: string) => Promise<string>,
  io: CommandIO,
): Promise<unknown> {
  for (;;) {
    const fallback = q.fallback(ctx);
    const text = (await ask(`${q.prompt}${fallback === undefined ? "" : ` [${fallback}]`}: `)).trim();
    try {
      return q.read(text === "" ? fallbackOrMissing(q, ctx) : text, ctx);
    } catch (error) {
      if (!(error instanceof ConfigError || error instanceof CommandError)) throw error;
      io.stderr(error.message);
    }
  }
}

function fallbackOrMissing(q: Question, ctx: InitContext): string {
  const fallback = q.fallback(ctx);
  if (fallback !== undefined) return fallback;
  throw new CommandError(
    `Missing --${q.flag.name}: ${q.flag.description}, e.g. --${q.flag.name} ${q.flag.example}.`,
    EXIT.usage,
  );
}

/** One line per call, in order, however fast the input arrives (a pipe may bring every answer at once). */
function answerReader(
  lines: ReturnType<typeof createInterface>,
  output: NodeJS.WritableStream,
): (prompt: string) => Promise<string> {
  const iterator = lines[Symbol.asyncIterator]();
  return async (prompt) => {
    output.write(prompt);
    const next = await iterator.next();
    if (next.done === true) {
      throw new CommandError("Input ended before every question was answered: nothing written.", EXIT.usage);
    }
    return next.value;
  };
}

/** The attribute keys Personio lets these credentials read, listed for the user; undefined without credentials. */
async function attributes(deps: InitDeps, yes: boolean): Promise<readonly string[] | undefined> {
  const { env } = deps.io;
  const clientId = env["PERSONIO_CLIENT_ID"];
  const clientSecret = env["PERSONIO_CLIENT_SECRET"];
  if (!clientId || !clientSecret) return undefined;
  const list =
    deps.listAttributes ??
    (() =>
      new PersonioClient({
        baseUrl: env["PERSONIO_BASE_URL"] || DEFAULT_BASE_URL,
        clientId,
        clientSecret,
        appId: DEFAULT_APP_ID,
      }).listAttributes());
  try {
    const listed = await list(env);
    if (!yes) {
      deps.output.write(`Personio lists ${listed.length} attributes these credentials can read:\n`);
      for (const a of listed) deps.output.write(`  ${a.key}${a.label === undefined ? "" : `  ${a.label}`}\n`);
    }
    return listed.map((a) => a.key);
  } catch (error) {
    if (!(error instanceof PersonioError)) throw error;
    deps.io.stderr(`Cannot list the Personio attributes (${error.message}): the default mapping is offered.`);
    return undefined;
  }
}
