import type { AttributeValue } from "../personio/employee";
import { isoCountryCode } from "./country-codes";
import { EXTENSION_ATTRIBUTE_RULE, isExtensionAttribute } from "../entra/extension-attributes";
import { isEmailAddress } from "../entra/mail-address";
import { INPUT_RULES, type InputRule } from "../entra/user-inputs";
import { cleanTexts } from "./clean-text";
import { fitBytes, fitText, type Warn } from "./warnings";

/** A mapped input's value as `azuread.User` takes it. */
export type MappedValue = string | boolean | readonly string[];

/** One entry of `attributeMapping`, checked against the known inputs. */
export interface MappingEntry {
  readonly input: string;
  readonly key: string;
  readonly rule: InputRule;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LANGUAGE = /^([A-Za-z]{2})(?:[-_]([A-Za-z]{2}))?$/;
const LIST_SEPARATORS = /[,;\s]+/;

/**
 * The mapping as entries in input-name order (extension attributes are free text of at most 1,024 characters);
 * throws for a target that is not a mappable input, which the stack config validation already rules out.
 */
export function compileMapping(mapping: Readonly<Record<string, string>>): MappingEntry[] {
  return Object.keys(mapping)
    .sort()
    .map((input) => {
      const rule = INPUT_RULES[input] ?? (isExtensionAttribute(input) ? EXTENSION_ATTRIBUTE_RULE : undefined);
      if (rule === undefined)
        throw new Error(`Invalid mapping target: ${input} is not a mappable azuread.User input`);
      return { input, key: mapping[input] as string, rule };
    });
}

/**
 * The mapped inputs of one employee: absent and empty values are omitted, values Azure AD would reject are
 * trimmed or dropped with a warning. `managerId` is left to the caller, who knows the other employees.
 * @example { costCenter: "cost_centers" } with ["Sales", "Ops"] → { costCenter: "Sales, Ops" }
 */
export function mapAttributes(
  entries: readonly MappingEntry[],
  attributes: Readonly<Record<string, AttributeValue>>,
  warn: Warn,
): Record<string, MappedValue> {
  const mapped: Record<string, MappedValue> = {};
  for (const { input, key, rule } of entries) {
    const value = convert(rule, input, attributes[key], warn);
    if (value !== undefined) mapped[input] = value;
  }
  // Graph rejects Granted/Denied consent for anyone but a minor; the provider checks the same.
  const consent = mapped["consentProvidedForMinor"];
  if ((consent === "Granted" || consent === "Denied") && mapped["ageGroup"] !== "Minor") {
    warn("consentProvidedForMinor", "Granted or Denied is allowed only with ageGroup Minor; omitted");
    delete mapped["consentProvidedForMinor"];
  }
  return mapped;
}

function convert(
  rule: InputRule,
  input: string,
  raw: AttributeValue | undefined,
  warn: Warn,
): MappedValue | undefined {
  if (rule.kind === "boolean") return readBoolean(raw, input, warn);
  if (rule.kind === "manager") return undefined;
  const values = cleanTexts(texts(raw), input, warn);
  if (values.length === 0) return undefined;
  switch (rule.kind) {
    case "text":
      return fitText(values.join(", "), rule.maxLength, input, warn);
    case "utf8Text":
      return fitBytes(values.join(", "), rule.maxBytes, input, warn);
    case "token":
      return withinLimit(single(values, input, warn), rule.maxLength, input, warn);
    case "phones": {
      const phone = withinLimit(single(values, input, warn), rule.maxLength, input, warn);
      return phone === undefined ? undefined : [phone];
    }
    case "email":
      return readEmail(single(values, input, warn), input, warn);
    case "emails":
      return readEmails(values, input, warn);
    case "dateTime":
      return readDateTime(single(values, input, warn), input, warn);
    case "countryCode":
      return check(isoCountryCode(single(values, input, warn)), input, warn, "a two-letter ISO 3166 code");
    case "language":
      return check(
        readLanguage(single(values, input, warn)),
        input,
        warn,
        "a language tag such as de or en-US",
      );
    case "choice": {
      const wanted = single(values, input, warn).toLowerCase();
      const choice = rule.allowed.find((allowed) => allowed.toLowerCase() === wanted);
      return check(choice, input, warn, `one of ${rule.allowed.join(", ")}`);
    }
  }
}

/** Every non-empty text in a value: lists give their entries, numbers and booleans their string form. */
function texts(raw: AttributeValue | undefined): string[] {
  if (raw === null || raw === undefined) return [];
  if (typeof raw === "string") {
    const text = raw.trim();
    return text === "" ? [] : [text];
  }
  const list: readonly string[] = Array.isArray(raw) ? raw : [String(raw)];
  return list.map((entry) => entry.trim()).filter((entry) => entry !== "");
}

function single(values: readonly string[], input: string, warn: Warn): string {
  if (values.length > 1)
    warn(input, `${values.length} values where Azure AD allows one; only the first is kept`);
  return values[0] as string;
}

function withinLimit(value: string, maxLength: number, input: string, warn: Warn): string | undefined {
  if (value.length <= maxLength) return value;
  warn(input, `longer than ${maxLength} characters; omitted`);
  return undefined;
}

function check(value: string | undefined, input: string, warn: Warn, expected: string): string | undefined {
  if (value === undefined) warn(input, `not ${expected}; omitted`);
  return value;
}

function readBoolean(raw: AttributeValue | undefined, input: string, warn: Warn): boolean | undefined {
  if (typeof raw === "boolean") return raw;
  const text = texts(raw)[0]?.toLowerCase();
  if (text === undefined) return undefined;
  if (text === "true" || text === "false") return text === "true";
  warn(input, "not true or false; omitted");
  return undefined;
}

function readEmail(value: string, input: string, warn: Warn): string | undefined {
  return check(isEmailAddress(value) ? value : undefined, input, warn, "an e-mail address");
}

function readEmails(values: readonly string[], input: string, warn: Warn): readonly string[] | undefined {
  const candidates = values.flatMap((value) => value.split(LIST_SEPARATORS)).filter((value) => value !== "");
  const valid = candidates.filter(isEmailAddress);
  if (valid.length < candidates.length) {
    const dropped = candidates.length - valid.length;
    warn(input, `${dropped} value${dropped === 1 ? " is" : "s are"} not an e-mail address; omitted`);
  }
  const seen = new Set<string>();
  const unique = valid.filter((mail) => !seen.has(mail.toLowerCase()) && seen.add(mail.toLowerCase()));
  return unique.length === 0 ? undefined : unique;
}

/** RFC 3339 as the provider wants it; a calendar date is midnight UTC, so the date never shifts. */
function readDateTime(value: string, input: string, warn: Warn): string | undefined {
  if (CALENDAR_DATE.test(value)) return `${value}T00:00:00Z`;
  const epoch = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  const dateTime = Number.isNaN(epoch) ? undefined : new Date(epoch).toISOString().replace(/\.\d{3}Z$/, "Z");
  return check(dateTime, input, warn, "a date");
}

function readLanguage(value: string): string | undefined {
  const match = LANGUAGE.exec(value);
  if (match === null) return undefined;
  const [, language = "", region] = match;
  return region === undefined ? language.toLowerCase() : `${language.toLowerCase()}-${region.toUpperCase()}`;
}
