import { z } from "zod";
import { MAX_SHARDS } from "../contract/shards";
import { EXTENSION_ATTRIBUTES } from "../entra/extension-attributes";
import { AZUREAD_USER_INPUTS, FIXED_USER_INPUTS } from "../entra/user-inputs";
import {
  APP_ID_ALLOWED,
  BASE_URL_ALLOWED,
  DEFAULT_APP_ID,
  DEFAULT_BASE_URL,
  isAppId,
  isBaseUrl,
} from "../personio/endpoint";
import { GraphSchema } from "./graph";
import { GroupRules } from "./groups";
import { isPersonioKey } from "./personio-keys";
import { ScopeSchema } from "./scope";

/** Every message of this schema is the "Allowed: …" half of a config error; the key and value are added by the formatter. */
const allowed = (text: string) => ({ error: text });

const PERSONIO_KEY_ALLOWED = "a Personio attribute key: a standard key such as first_name, or dynamic_<n>";
const personioKey = z
  .string(allowed(PERSONIO_KEY_ALLOWED))
  .refine(isPersonioKey, allowed(PERSONIO_KEY_ALLOWED));

/** One side of the login name: a Personio attribute, whole (`entire`) or its first letter (Änne → a). */
export const LoginPartSchema = z.strictObject(
  {
    attribute: personioKey,
    use: z.enum(["entire", "first_letter"], allowed("entire or first_letter")).default("entire"),
  },
  allowed("{ attribute: <Personio key>, use: entire | first_letter }, or none for the end"),
);

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/**
 * How a user principal name is built, as in Personio's own integration (step 6): beginning, separator ("." "-"
 * "_" or none), end (or none) and the UPN domain.
 */
export const LoginSchemaSchema = z.strictObject(
  {
    beginning: LoginPartSchema,
    separator: z
      .enum([".", "-", "_", "", "none"], allowed('".", "-", "_" or none'))
      .default(".")
      .transform((s) => (s === "none" ? "" : s)),
    // Absent is none, as "optional end attribute" in the product contract (and the component's args) says.
    end: z.preprocess(
      (value) => (value === "none" || value === undefined ? null : value),
      LoginPartSchema.nullable(),
    ),
    domain: z
      .string(allowed("a DNS domain such as contoso.com"))
      .regex(DOMAIN, allowed("a DNS domain such as contoso.com"))
      .transform((d) => d.toLowerCase()),
  },
  allowed("{ beginning, separator, end, domain }"),
);

const TARGETS = new Set([...AZUREAD_USER_INPUTS, ...EXTENSION_ATTRIBUTES]);
const MAPPING_TARGET_ALLOWED =
  `an azuread.User input: ${AZUREAD_USER_INPUTS.join(", ")} ` +
  `(${FIXED_USER_INPUTS.join(", ")} are set by the program and cannot be mapped), ` +
  "or extensionAttribute1 … extensionAttribute15";

const attributeMapping = z
  .record(z.string(), personioKey, allowed("a map of azuread.User input → Personio attribute key"))
  .superRefine((mapping, ctx) => {
    for (const target of Object.keys(mapping).filter((t) => !TARGETS.has(t))) {
      // The offending value is the key itself; the formatter shows `params.value` instead of the whole map.
      ctx.addIssue({
        code: "custom",
        message: MAPPING_TARGET_ALLOWED,
        params: { value: target, label: "Invalid mapping target in" },
      });
    }
    if (mapping["managerId"] !== undefined && mapping["managerId"] !== "supervisor") {
      ctx.addIssue({
        code: "custom",
        path: ["managerId"],
        message: "supervisor (the manager is resolved from it)",
      });
    }
  })
  .default({});

const timezone = z
  .string(allowed("an IANA time zone such as Europe/Berlin"))
  .refine(isTimeZone, allowed("an IANA time zone such as Europe/Berlin"))
  .default("UTC");

const WRITE_BACK_ATTRIBUTE_ALLOWED = "a Personio custom text attribute key dynamic_<n>";

/** Opt-in write-back: the account's UPN goes into this Personio custom attribute after a successful `up`. */
const writeBack = z.strictObject(
  {
    attribute: z
      .string(allowed(WRITE_BACK_ATTRIBUTE_ALLOWED))
      .regex(/^dynamic_\d+$/, allowed(WRITE_BACK_ATTRIBUTE_ALLOWED)),
  },
  allowed("{ attribute: dynamic_<n> }"),
);

const DAYS_ALLOWED = "a whole number of days from 0 to 365, or none";

/**
 * When a new hire's account appears (at most `createDaysBeforeHire` days before the hire date; null: as soon as
 * it is listed) and when it is enabled (`created`, or `hireDate` from 00:00 of it). The defaults are Personio's
 * own behaviour.
 */
export const JoinersSchema = z
  .strictObject(
    {
      createDaysBeforeHire: z
        .union(
          [
            z.literal("none"),
            z
              .number(allowed(DAYS_ALLOWED))
              .int(allowed(DAYS_ALLOWED))
              .min(0, allowed(DAYS_ALLOWED))
              .max(365, allowed(DAYS_ALLOWED)),
          ],
          allowed(DAYS_ALLOWED),
        )
        .transform((days) => (days === "none" ? null : days))
        .default(null),
      enableFrom: z.enum(["created", "hireDate"], allowed("created or hireDate")).default("created"),
    },
    allowed("{ createDaysBeforeHire: <days> | none, enableFrom: created | hireDate }"),
  )
  .default({ createDaysBeforeHire: null, enableFrom: "created" });

const SHARDS_ALLOWED = `a whole number of shards from 1 to ${MAX_SHARDS} (1: one stack, not sharded)`;

/**
 * Into how many stacks (`<stack>-0` … `<stack>-<N-1>`) the accounts are split, by a hash of the Personio id
 * (see `shardOf` in src/contract). The engine hands a stack file's `8` over as the string "8": digits are read
 * as the number.
 */
const shards = z
  .preprocess(
    (value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value),
    z
      .number(allowed(SHARDS_ALLOWED))
      .int(allowed(SHARDS_ALLOWED))
      .min(1, allowed(SHARDS_ALLOWED))
      .max(MAX_SHARDS, allowed(SHARDS_ALLOWED)),
  )
  .default(1);

/** The `personio-azuread:*` keys of a stack, namespace stripped; env overrides already applied. */
export const StackConfigSchema = z.strictObject(
  {
    personio: z.strictObject(
      {
        baseUrl: z
          .string(allowed(BASE_URL_ALLOWED))
          .refine(isBaseUrl, allowed(BASE_URL_ALLOWED))
          .default(DEFAULT_BASE_URL),
        clientId: z.string(allowed("a Personio API client id")).min(1, allowed("a Personio API client id")),
        appId: z
          .string(allowed(APP_ID_ALLOWED))
          .refine(isAppId, allowed(APP_ID_ALLOWED))
          .default(DEFAULT_APP_ID),
      },
      allowed("{ baseUrl, clientId, appId }"),
    ),
    personioClientSecret: z.string(allowed("a secret string")).min(1, allowed("a secret string")).optional(),
    loginSchema: LoginSchemaSchema,
    attributeMapping,
    timezone,
    followRenames: z.boolean(allowed("true or false")).default(false),
    groups: GroupRules,
    writeBack: writeBack.optional(),
    joiners: JoinersSchema,
    graph: GraphSchema,
    shards,
    scope: ScopeSchema,
  },
  allowed(
    "the personio-azuread keys: personio, personioClientSecret, loginSchema, attributeMapping, timezone, followRenames, groups, writeBack, joiners, graph, shards, scope",
  ),
);

/** The validated stack configuration. */
export type StackConfig = z.infer<typeof StackConfigSchema>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
