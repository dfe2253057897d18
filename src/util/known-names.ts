import { Automaton, type Occurrence } from "./aho-corasick";
import { REDACTED, redact } from "./redact";

/** Turns outward text (a log line, a notification, an error line) into text without personal data. */
export interface Redactor {
  redact(text: string): string;
}

/** What a cycle knows about the people it manages, as they are written. */
export interface KnownNames {
  /** Display, given and family names: matched case-sensitively, so that a given name "May" keeps "may". */
  readonly names: Iterable<string | null | undefined>;
  /** E-mail addresses, UPNs, their local parts and mail nicknames: matched whatever their case. */
  readonly logins: Iterable<string | null | undefined>;
}

/** Today's pattern redaction alone: what is left when nothing is known about the people. */
export const PATTERN_REDACTOR: Redactor = { redact };

/** Shorter known strings are ignored: one letter would blank initials and words alike. */
const MIN_LENGTH = 2;
const ASCII = /^[ -~]*$/u;
/** The domain of an address whose local part was a match: blanked with it. */
const DOMAIN = /@[^\s@"'“”‘’<>()[\]{},;:]+/uy;
const WORD = /[\p{L}\p{M}\p{N}]/u;
/** Scripts written without spaces between words: a name there is found wherever it occurs. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * A redactor from what the cycle knows: every occurrence of a known name or login becomes `[redacted]` (names as
 * written, logins whatever their case; names of several words also word by word), then the pattern redaction of
 * {@link PATTERN_REDACTOR} runs as a second layer. Text and names are compared NFC-normalised. In scripts
 * written with spaces a match must be a whole word (`Anna` keeps `Annals`); in CJK and similar scripts a name is
 * found inside other text. Employee ids, resource URNs, Graph error codes and the CLI's words are not names, so
 * they stay, e.g. `failed for 17 (Jürgen Groß): Request_BadRequest` → `failed for 17 ([redacted]): Request_BadRequest`.
 */
export function knownNamesRedactor(known: KnownNames): Redactor {
  const names = new Automaton(
    variants(known.names, (name) => (/\s/u.test(name) ? [name, ...name.split(/\s+/u)] : [name])),
  );
  // An address's local part is enough: the domain after a match goes with it (see `blank`).
  const logins = new Automaton(variants(known.logins, (login) => [fold(localPart(login))]));
  return {
    redact(text: string): string {
      const normal = text.normalize("NFC");
      const found = [...names.occurrences(normal), ...logins.occurrences(fold(normal))];
      return redact(blank(normal, found));
    },
  };
}

/**
 * The redactor for the rest of the process, whose knowledge the cycle replaces when it reads a new snapshot: the
 * logger, the notifier, the metrics and the cause line hold this one object. Until the first snapshot it redacts
 * by pattern alone; after a cycle it keeps that cycle's knowledge until the next snapshot replaces it.
 */
export class CycleRedactor implements Redactor {
  private current: Redactor = PATTERN_REDACTOR;

  /** Redacts with what the cycle knows now. */
  redact(text: string): string {
    return this.current.redact(text);
  }

  /** Replaces the knowledge with `known` (a new snapshot); the previous snapshot's people are forgotten. */
  learn(known: KnownNames): void {
    this.current = knownNamesRedactor(known);
  }
}

/** Whether `text` has a character of a script written without spaces (Han, Kana, Thai …). */
export function writtenWithoutSpaces(text: string): boolean {
  return UNSPACED.test(text);
}

function variants(
  values: Iterable<string | null | undefined>,
  expand: (value: string) => readonly string[],
): Set<string> {
  const out = new Set<string>();
  for (const value of values) {
    if (value === null || value === undefined) continue;
    for (const variant of expand(value.normalize("NFC").trim()))
      if (variant.length > MIN_LENGTH || [...variant].length >= MIN_LENGTH) out.add(variant);
  }
  return out;
}

function localPart(login: string): string {
  const at = login.lastIndexOf("@");
  return at > 0 ? login.slice(0, at) : login;
}

/** Lower case, code unit by code unit, so that offsets in the folded text are offsets in the original. */
function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = "";
  for (const char of text) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : char;
  }
  return out;
}

/**
 * Leftmost, then longest, non-overlapping occurrences that respect word boundaries, each `[redacted]` together
 * with the `@domain` that may follow it.
 */
function blank(text: string, found: Occurrence[]): string {
  if (found.length === 0) return text;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let done = 0;
  for (const { start, end } of found) {
    if (start < done || !bounded(text, start, end)) continue;
    out += text.slice(done, start) + REDACTED;
    DOMAIN.lastIndex = end;
    done = DOMAIN.test(text) ? DOMAIN.lastIndex : end;
  }
  return out + text.slice(done);
}

function bounded(text: string, start: number, end: number): boolean {
  return edge(charBefore(text, start), charAt(text, start)) && edge(charAt(text, end), charBefore(text, end));
}

/** Whether a match may end next to `outside`, its own character at that edge being `inside`. */
function edge(outside: string, inside: string): boolean {
  if (outside === "" || !WORD.test(outside) || !WORD.test(inside)) return true;
  return UNSPACED.test(outside) || UNSPACED.test(inside);
}

function charAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? "" : String.fromCodePoint(code);
}

function charBefore(text: string, index: number): string {
  if (index <= 0) return "";
  const low = text.charCodeAt(index - 1);
  const twoUnits = index >= 2 && low >= 0xdc00 && low <= 0xdfff;
  return charAt(text, twoUnits ? index - 2 : index - 1);
}
