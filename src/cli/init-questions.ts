import type { StringFlag } from "../util/flag-table";
import {
  checkAnswer,
  days,
  DEFAULT_MAPPING,
  type InitAnswers,
  mapping,
  readableKey,
  stackName,
  tenantId,
} from "./init-answers";
import type { CommandIO } from "./io";

/** What a question may look at: the environment, the machine's time zone, the attributes Personio lists. */
export interface InitContext {
  readonly env: CommandIO["env"];
  readonly timeZone: string;
  /** The attribute keys the Personio credentials may read; undefined without credentials. */
  readonly readable: readonly string[] | undefined;
  readonly answers: Partial<InitAnswers>;
}

/** One question of `npm run init`, and the flag that answers it without asking. */
export interface Question<K extends keyof InitAnswers = keyof InitAnswers> {
  readonly key: K;
  readonly prompt: string;
  /** The flag, its help line and its default in words. */
  readonly flag: { readonly name: string } & StringFlag;
  /** The answer Enter (and `--yes`) takes; undefined: the question needs one. */
  readonly fallback: (context: InitContext) => string | undefined;
  /** Reads and checks one answer; throws a one-line ConfigError or CommandError. */
  readonly read: (text: string, context: InitContext) => InitAnswers[K];
  /** Not asked (and its flag ignored) when this says so. */
  readonly skip?: (answers: Partial<InitAnswers>) => boolean;
}

const checked =
  <K extends keyof InitAnswers>(key: K) =>
  (text: string): InitAnswers[K] => {
    checkAnswer({ [key]: text } as Partial<InitAnswers>);
    return text as InitAnswers[K];
  };

function question<K extends keyof InitAnswers>(q: Question<K>): Question {
  return q as unknown as Question;
}

/** `jobTitle=position,…` of the default mapping, of the attributes the credentials can read when known. */
export function defaultMapping(readable: readonly string[] | undefined): string {
  const pairs = Object.entries(DEFAULT_MAPPING).filter(([, key]) => readable?.includes(key) ?? true);
  return pairs.length === 0 ? "none" : pairs.map(([to, key]) => `${to}=${key}`).join(",");
}

const flag = (name: string, spec: StringFlag) => ({ name, ...spec });

/** The questions in the order they are asked. */
export const QUESTIONS: readonly Question[] = [
  question({
    key: "stack",
    prompt: "Stack name",
    flag: flag("stack", {
      type: "string",
      value: "NAME",
      default: "prod",
      description: "the stack; the file is stacks/Pulumi.<NAME>.yaml and must not exist",
      example: "prod",
    }),
    fallback: () => "prod",
    read: stackName,
  }),
  question({
    key: "clientId",
    prompt: "Personio API client id",
    flag: flag("client-id", {
      type: "string",
      value: "ID",
      default: "PERSONIO_CLIENT_ID, else required",
      description: "the Personio API client id (the secret goes in with pulumi config set --secret)",
      example: "abc123",
    }),
    fallback: ({ env }) => nonEmpty(env["PERSONIO_CLIENT_ID"]),
    read: checked("clientId"),
  }),
  question({
    key: "tenantId",
    prompt: "Entra tenant id (none: ARM_TENANT_ID at run time)",
    flag: flag("tenant-id", {
      type: "string",
      value: "GUID|none",
      default: "ARM_TENANT_ID, else none",
      description: "the Entra tenant (azuread:tenantId)",
      example: "00000000-0000-0000-0000-000000000000",
    }),
    fallback: ({ env }) => nonEmpty(env["ARM_TENANT_ID"]) ?? "none",
    read: tenantId,
  }),
  question({
    key: "domain",
    prompt: "UPN domain",
    flag: flag("domain", {
      type: "string",
      value: "DOMAIN",
      required: true,
      description: "the domain of the login names",
      example: "contoso.com",
    }),
    fallback: () => undefined,
    read: (text) => checked("domain")(text).toLowerCase(),
  }),
  question({
    key: "beginning",
    prompt: "Login name begins with the Personio attribute",
    flag: flag("beginning", {
      type: "string",
      value: "KEY",
      default: "first_name",
      description: "the login name's beginning",
      example: "preferred_name",
    }),
    fallback: () => "first_name",
    read: (text, { readable }) =>
      readableKey("loginSchema.beginning.attribute", checked("beginning")(text), readable),
  }),
  question({
    key: "beginningUse",
    prompt: "… all of it or its first letter (entire, first_letter)",
    flag: flag("beginning-use", {
      type: "string",
      value: "entire|first_letter",
      default: "entire",
      description: "the whole beginning attribute or its first letter",
      example: "first_letter",
    }),
    fallback: () => "entire",
    read: checked("beginningUse"),
  }),
  question({
    key: "separator",
    prompt: 'Separator (".", "-", "_", none)',
    flag: flag("separator", {
      type: "string",
      value: ".|-|_|none",
      default: ".",
      description: "between beginning and end",
      example: "none",
    }),
    fallback: () => ".",
    read: checked("separator"),
  }),
  question({
    key: "end",
    prompt: "Login name ends with the Personio attribute (or none)",
    flag: flag("end", {
      type: "string",
      value: "KEY|none",
      default: "last_name",
      description: "the login name's end",
      example: "none",
    }),
    fallback: () => "last_name",
    read: (text, { readable }) =>
      text === "none"
        ? checked("end")(text)
        : readableKey("loginSchema.end.attribute", checked("end")(text), readable),
  }),
  question({
    key: "endUse",
    prompt: "… all of it or its first letter (entire, first_letter)",
    flag: flag("end-use", {
      type: "string",
      value: "entire|first_letter",
      default: "entire",
      description: "the whole end attribute or its first letter",
      example: "first_letter",
    }),
    fallback: () => "entire",
    read: checked("endUse"),
    skip: (answers) => answers.end === "none",
  }),
  question({
    key: "timezone",
    prompt: "Company time zone (IANA)",
    flag: flag("timezone", {
      type: "string",
      value: "ZONE",
      default: "this machine's time zone",
      description: "where leavers' and joiners' days start",
      example: "Europe/Berlin",
    }),
    fallback: ({ timeZone }) => timeZone,
    read: checked("timezone"),
  }),
  question({
    key: "createDaysBeforeHire",
    prompt: "Create a hire's account days before the hire date (a number, or none: as soon as listed)",
    flag: flag("create-days-before-hire", {
      type: "string",
      value: "N|none",
      default: "none",
      description: "joiners: how early the account appears",
      example: "14",
    }),
    fallback: () => "none",
    read: (text) => {
      checkAnswer({ createDaysBeforeHire: days(text) });
      return days(text);
    },
  }),
  question({
    key: "enableFrom",
    prompt: "Enable a hire's account (created: at once, hireDate: from 00:00 of the hire date)",
    flag: flag("enable-from", {
      type: "string",
      value: "created|hireDate",
      default: "created",
      description: "joiners: when the account is enabled",
      example: "hireDate",
    }),
    fallback: () => "created",
    read: checked("enableFrom"),
  }),
  question({
    key: "attributeMapping",
    prompt: "Attribute mapping (azuread input=Personio key, comma-separated, or none)",
    flag: flag("mapping", {
      type: "string",
      value: "PAIRS|none",
      default: `${defaultMapping(undefined)}, of the attributes the key can read`,
      description: "the first attributeMapping",
      example: "jobTitle=position,mobilePhone=dynamic_27163",
    }),
    fallback: ({ readable }) => defaultMapping(readable),
    read: (text, { readable }) => mapping(text, readable),
  }),
];

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
