import { thousands } from "./markdown";

/*
 * Fitting the pull-request summary into GitHub's comment limit: which rows of which table to keep, and the
 * notes on what is left out. Knows tables only as rows of text, nothing of users or groups.
 */

/** GitHub's limit for the body of a pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** A titled table whose rows may be cut when the comment would be too long. */
export interface Section {
  readonly intro: string;
  readonly header: string;
  readonly rows: readonly string[];
  /** Plural noun for the note on rows not shown, e.g. "changed users". */
  readonly noun: string;
}

/**
 * The summary cut to fit: the head and every section whole when that fits in `maxChars`, else the sections'
 * rows cut fairly with a note under each cut table (see {@link fit}), and as a last resort the text cut hard.
 * The notes name the command for the full list: `--stack <stack>` and then `flags` (e.g. " --show-names").
 */
export function fitComment(
  head: string,
  sections: readonly Section[],
  maxChars: number,
  stack: string,
  flags = "",
): string {
  const full = [head, ...sections.map((section) => sectionText(section, section.rows.length))].join("\n\n");
  if (full.length <= maxChars) return full;
  const command = `npm run preview -- --stack ${stack}${flags}`;
  const text = fit(head, sections, maxChars, omissionNote(maxChars, command));
  return text.length <= maxChars ? text : hardCut(text, maxChars, command);
}

/** The note under a cut table; `partial` when some rows are shown ("and N more"). */
type Note = (section: Section, omitted: number, partial: boolean) => string;

/** `_… and 9,400 more changed users not shown (…); run … locally for the full list._` */
function omissionNote(maxChars: number, command: string): Note {
  return (section, omitted, partial) => {
    const more = partial ? `and ${thousands(omitted)} more` : thousands(omitted);
    return (
      `_… ${more} ${section.noun} not shown (the comment limit is ${thousands(maxChars)} characters); ` +
      `run \`${command}\` locally for the full list._`
    );
  };
}

/**
 * Appends the sections to the head, each whole if it fits, else as many rows as fit and a note. The room for
 * rows is shared max-min fairly (a section needing less than an equal share gets all it needs, the rest split
 * the remainder), so every section keeps its count and some rows; what a section leaves unused goes to the
 * later ones, the changed users last.
 */
function fit(head: string, sections: readonly Section[], maxChars: number, note: Note): string {
  // A cut section costs its intro, its header and the longest note it can get, besides its rows: "and N
  // more" with N as wide as the row count bounds every note of the section.
  const fixed = sections.map(
    (section) =>
      2 + `${section.intro}\n\n${section.header}\n\n${note(section, section.rows.length, true)}`.length,
  );
  const needs = sections.map((section) => section.rows.reduce((sum, row) => sum + row.length + 1, 0));
  let text = head;
  sections.forEach((section, index) => {
    const room = maxChars - text.length - fixed.slice(index).reduce((sum, cost) => sum + cost, 0);
    let share = fairShare(needs.slice(index), Math.max(0, room));
    if (share >= (needs[index] as number)) {
      text += `\n\n${sectionText(section, section.rows.length)}`;
      return;
    }
    let shown = 0;
    while (shown < section.rows.length && (section.rows[shown] as string).length + 1 <= share) {
      share -= (section.rows[shown] as string).length + 1;
      shown++;
    }
    const table = shown > 0 ? sectionText(section, shown) : section.intro;
    text += `\n\n${table}\n\n${note(section, section.rows.length - shown, shown > 0)}`;
  });
  return text;
}

/** The first section's part of `room` when it is shared max-min fairly among sections needing `needs`. */
function fairShare(needs: readonly number[], room: number): number {
  const order = needs.map((need, index) => ({ need, index })).sort((a, b) => a.need - b.need);
  let remaining = room;
  for (const [rank, { need, index }] of order.entries()) {
    const part = Math.min(need, Math.floor(remaining / (order.length - rank)));
    if (index === 0) return part;
    remaining -= part;
  }
  return 0;
}

/** A section's intro, header and first `rows` rows. */
export function sectionText(section: Section, rows: number): string {
  return [section.intro, "", section.header, ...section.rows.slice(0, rows)].join("\n");
}

/** Last resort when even the head is too long: cut, never inside a surrogate pair, and say so. */
function hardCut(text: string, maxChars: number, command: string): string {
  const note =
    `\n\n_… cut at the comment limit of ${thousands(maxChars)} characters; ` +
    `run \`${command}\` locally for the full summary._`;
  const keep = note.length < maxChars ? maxChars - note.length : maxChars;
  let cut = text.slice(0, keep);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return note.length < maxChars ? cut + note : cut;
}
