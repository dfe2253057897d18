import { transliterate } from "transliteration";
import type { LoginPart, LoginSchema } from "../config/types";
import type { AttributeValue } from "../personio/employee";

/** Graph's limit for the part of a user principal name before the `@` (and for `mailNickname`). */
export const MAX_LOCAL_PART = 64;

// Transliteration would turn ä into a; German speakers expect ae (Müller → mueller, never muller).
const GERMAN: Readonly<Record<string, string>> = {
  ä: "ae",
  ö: "oe",
  ü: "ue",
  Ä: "ae",
  Ö: "oe",
  Ü: "ue",
  ß: "ss",
  ẞ: "ss",
};
const GERMAN_LETTERS = /[äöüÄÖÜßẞ]/g;
const NON_ASCII = /[^\x20-\x7e]/;
const NOT_ALLOWED = /[^a-z0-9._-]+/g;
const FIRST_LETTER = /[a-z0-9]/;

/**
 * Normalises a name for a login: German umlauts spelled out, every other letter transliterated to ASCII,
 * lower case, only `a-z 0-9 . - _` kept, no leading, trailing or doubled dots.
 * @example normalizeLoginPart("Łukasz Żółć") === "lukaszzolc"; normalizeLoginPart("O’Brien") === "obrien"
 */
export function normalizeLoginPart(value: string): string {
  // NFC first: a decomposed "u + combining diaeresis" is still an ü and must become ue.
  const german = value.normalize("NFC").replace(GERMAN_LETTERS, (letter) => GERMAN[letter] ?? "");
  const ascii = NON_ASCII.test(german) ? transliterate(german) : german;
  return tidyDots(ascii.toLowerCase().replace(NOT_ALLOWED, ""));
}

/** {@link normalizeLoginPart}, remembering each distinct input: company names repeat a lot. */
export type LoginNormalizer = (value: string) => string;

/** A memoising {@link LoginNormalizer}; create one per render so no state outlives it. */
export function createLoginNormalizer(): LoginNormalizer {
  const cache = new Map<string, string>();
  return (value) => {
    let normalized = cache.get(value);
    if (normalized === undefined) {
      normalized = normalizeLoginPart(value);
      cache.set(value, normalized);
    }
    return normalized;
  };
}

/**
 * The full local part the schema gives for these attributes (not yet cut to {@link MAX_LOCAL_PART}), or
 * undefined when a configured part renders nothing.
 * @example first_name "Änne", first letter, separator ".", last_name "Müller" → "a.mueller"
 */
export function renderLocalPart(
  schema: LoginSchema,
  attributes: Readonly<Record<string, AttributeValue>>,
  normalize: LoginNormalizer,
): string | undefined {
  const beginning = renderPart(schema.beginning, attributes, normalize);
  if (beginning === "") return undefined;
  let joined = beginning;
  if (schema.end !== null) {
    const end = renderPart(schema.end, attributes, normalize);
    if (end === "") return undefined;
    joined = `${beginning}${schema.separator}${end}`;
  }
  const local = tidyDots(joined);
  return local === "" ? undefined : local;
}

/**
 * Cuts a local part so that it, plus the suffix kept whole, fits {@link MAX_LOCAL_PART}; a cut never leaves
 * the base ending in a dot.
 * @example fitLocalPart("a".repeat(70), "_42") === "a".repeat(61) + "_42"
 */
export function fitLocalPart(local: string, suffix = ""): string {
  const room = MAX_LOCAL_PART - suffix.length;
  const base = local.length <= room ? local : local.slice(0, room).replace(/\.+$/, "");
  return `${base}${suffix}`;
}

function renderPart(
  part: LoginPart,
  attributes: Readonly<Record<string, AttributeValue>>,
  normalize: LoginNormalizer,
): string {
  const normalized = normalize(attributeText(attributes[part.attribute]));
  if (part.use === "entire") return normalized;
  // A letter or digit: a lone "-" or "_" taken from "-Anna" would make a login of punctuation.
  return FIRST_LETTER.exec(normalized)?.[0] ?? "";
}

function attributeText(value: AttributeValue | undefined): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.join(" ");
  return "";
}

function tidyDots(value: string): string {
  return value.replace(/\.{2,}/g, ".").replace(/^\.+|\.+$/g, "");
}
