import type { Warn } from "./warnings";

// C0 and C1 controls (NUL included) but tab, line feed and carriage return, which become a space; the
// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make a name
// read differently from what it is; and lone surrogates, which are not text and Graph cannot store.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const REMOVED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/gu;
const BREAKS = /[\t\n\r]+/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANY = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

/** The text without the characters Azure AD must not get, and how many there were. */
export function stripUnsafe(value: string): { readonly text: string; readonly removed: number } {
  if (!ANY.test(value)) return { text: value, removed: 0 };
  let removed = 0;
  const text = value
    .replace(REMOVED, () => {
      removed++;
      return "";
    })
    .replace(BREAKS, (breaks) => {
      removed += breaks.length;
      return " ";
    })
    .trim();
  return { text, removed };
}

/**
 * Personio text as Azure AD may hold it: controls, bidirectional overrides and lone surrogates removed, tabs
 * and line breaks turned into one space, with one warning for the property (never the value).
 * @example cleanText("Anna\u202E", "givenName", warn) === "Anna", warning "held 1 control, … character; removed"
 */
export function cleanText(value: string, property: string, warn: Warn): string {
  return cleanTexts([value], property, warn)[0] ?? "";
}

/** {@link cleanText} for every value of one property, one warning for all; values left empty are dropped. */
export function cleanTexts(values: readonly string[], property: string, warn: Warn): string[] {
  let removed = 0;
  const cleaned = values.map((value) => {
    const result = stripUnsafe(value);
    removed += result.removed;
    return result.text;
  });
  if (removed > 0) {
    warn(
      property,
      `held ${removed} control, bidirectional-override or unpaired surrogate character${removed === 1 ? "" : "s"}; removed`,
    );
  }
  return removed === 0 ? cleaned : cleaned.filter((text) => text !== "");
}
