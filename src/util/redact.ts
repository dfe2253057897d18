/** What a redacted value becomes. */
export const REDACTED = "[redacted]";

/** Anything shaped like an e-mail address or a UPN. */
const ADDRESS = /[^\s@"'“”‘’<>()[\]{},;:]+@[^\s@"'“”‘’<>()[\]{},;:]+/gu;
/** Text in double, single or typographic quotes. */
const QUOTED = /"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|'[^'\n]*'/gu;
/** A parenthesised run of two or more capitalised words: how provider errors print a display name. */
const PARENTHESISED_NAME = /\((?:\p{Lu}[\p{L}\p{M}'’.-]*)(?:\s+\p{Lu}?[\p{L}\p{M}'’.-]+)+\)/gu;
/**
 * What a quoted string may hold and still be kept: the cause, not the person — a URN, a token with a digit, or a
 * Pulumi command the message tells the operator to run (`"pulumi cancel --stack prod"`).
 */
const KEEP_QUOTED = /^(["'“‘])(?:urn:pulumi:[^\s]*|pulumi [\w .:/=-]*|[\w.:/-]*\d[\w.:/-]*)(["'”’])$/u;

/**
 * The CLI's error text without personal data: e-mail addresses and UPNs, quoted values and parenthesised
 * names become `[redacted]`; resource URNs, employee ids, Graph error codes and the CLI's own words stay, e.g.
 * `Could not update user "jane.roe@example.org" (Jane Roe): Another object …` →
 * `Could not update user [redacted] ([redacted]): Another object …`.
 */
export function redact(text: string): string {
  return text
    .replace(QUOTED, (quoted) => (KEEP_QUOTED.test(quoted) && !quoted.includes("@") ? quoted : REDACTED))
    .replace(ADDRESS, REDACTED)
    .replace(PARENTHESISED_NAME, `(${REDACTED})`);
}
