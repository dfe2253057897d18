import { ConfigError, parseStackConfig } from "../config";
import { CommandError, EXIT } from "./io";

/** What `npm run init` writes into a stack file: one field per question. */
export interface InitAnswers {
  readonly stack: string;
  readonly clientId: string;
  /** The Entra tenant; undefined: the provider takes ARM_TENANT_ID at run time. */
  readonly tenantId: string | undefined;
  readonly domain: string;
  readonly beginning: string;
  readonly beginningUse: string;
  readonly separator: string;
  /** A Personio attribute key, or "none". */
  readonly end: string;
  readonly endUse: string;
  readonly timezone: string;
  /** Whole days, or "none" (as soon as Personio lists the hire). */
  readonly createDaysBeforeHire: number | "none";
  readonly enableFrom: string;
  /** azuread.User input → Personio attribute key. */
  readonly attributeMapping: Readonly<Record<string, string>>;
}

/** The first mapping offered: the ones Personio's own integration fills, of the attributes the key can read. */
export const DEFAULT_MAPPING: Readonly<Record<string, string>> = {
  jobTitle: "position",
  department: "department",
  officeLocation: "office",
};

/** Valid stand-ins for questions not answered yet, so that one answer can be checked by the whole schema. */
const STAND_INS: InitAnswers = {
  stack: "dev",
  clientId: "-",
  tenantId: undefined,
  domain: "example.com",
  beginning: "first_name",
  beginningUse: "entire",
  separator: ".",
  end: "last_name",
  endUse: "entire",
  timezone: "UTC",
  createDaysBeforeHire: "none",
  enableFrom: "created",
  attributeMapping: {},
};

/** The `personio-azuread:*` values (namespace stripped) the answers make, as the stack file holds them. */
export function stackValues(answers: InitAnswers): Record<string, unknown> {
  return {
    personio: { clientId: answers.clientId },
    loginSchema: {
      beginning: { attribute: answers.beginning, use: answers.beginningUse },
      separator: answers.separator,
      end: answers.end === "none" ? "none" : { attribute: answers.end, use: answers.endUse },
      domain: answers.domain,
    },
    attributeMapping: answers.attributeMapping,
    timezone: answers.timezone,
    joiners: { createDaysBeforeHire: answers.createDaysBeforeHire, enableFrom: answers.enableFrom },
  };
}

/**
 * Checks one answer with the stack config's own schema (the other answers stood in for by valid values): throws
 * the schema's one-line {@link ConfigError}, e.g. `Invalid value for personio-azuread:loginSchema.domain: "x".
 * Allowed: a DNS domain such as contoso.com.`
 */
export function checkAnswer(partial: Partial<InitAnswers>): void {
  parseStackConfig(stackValues({ ...STAND_INS, ...partial }));
}

const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Pulumi stack name, as its file name takes it: letters, digits, `_ . -`. */
export function stackName(text: string): string {
  if (!STACK_NAME.test(text) || text === "." || text === "..") {
    throw usage(
      `Invalid value for stack: ${JSON.stringify(text)}. Allowed: a stack name of letters, digits, _ . - (at most 100), e.g. prod.`,
    );
  }
  return text;
}

/** An Entra tenant id, or none (then ARM_TENANT_ID names it at run time). */
export function tenantId(text: string): string | undefined {
  if (text === "none") return undefined;
  if (!GUID.test(text)) {
    throw usage(
      `Invalid value for azuread:tenantId: ${JSON.stringify(text)}. Allowed: a GUID such as 00000000-0000-0000-0000-000000000000, or none.`,
    );
  }
  return text.toLowerCase();
}

/** `3` → 3, `none` → "none"; anything else is left for the schema to name. */
export function days(text: string): number | "none" {
  return /^\d+$/.test(text) ? Number(text) : (text as "none");
}

/**
 * `jobTitle=position, department=department` → a mapping; `none` → no mapping. Keys are checked by the schema;
 * with `readable` (the attributes the Personio key may read) every mapped key must be one of them.
 * @example mapping("mobilePhone=dynamic_27163") → { mobilePhone: "dynamic_27163" }
 */
export function mapping(text: string, readable: readonly string[] | undefined): Record<string, string> {
  if (text.trim() === "none") return {};
  const result: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const match = /^\s*([A-Za-z0-9_]+)\s*=\s*([A-Za-z0-9_]+)\s*$/.exec(pair);
    if (match === null) {
      throw usage(
        `Invalid value for personio-azuread:attributeMapping: ${JSON.stringify(pair.trim())}. Allowed: target=key pairs, comma-separated, such as jobTitle=position, or none.`,
      );
    }
    result[match[1] as string] = match[2] as string;
  }
  checkAnswer({ attributeMapping: result });
  for (const [target, key] of Object.entries(result)) {
    readableKey(`attributeMapping.${target}`, key, readable);
  }
  return result;
}

/**
 * The key, when the Personio credentials may read it (or nothing is known of what they may read); else the
 * one-line ConfigError naming the config key.
 */
export function readableKey(name: string, key: string, readable: readonly string[] | undefined): string {
  if (readable === undefined || readable.includes(key)) return key;
  throw new ConfigError(
    `Invalid value for personio-azuread:${name}: ${JSON.stringify(key)}. Allowed: one of the ${readable.length} attributes these Personio credentials can read.`,
  );
}

function usage(message: string): CommandError {
  return new CommandError(message, EXIT.usage);
}
