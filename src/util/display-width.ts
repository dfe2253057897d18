/**
 * East Asian Wide and Fullwidth code points (UAX #11) that a terminal draws two columns wide, as ranges; emoji
 * drawn wide are matched by `Emoji_Presentation` instead.
 */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];
/** Combining marks, format characters (zero-width joiner …), controls and Hangul's conjoining vowels and finals. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u1160-\u11ff]$/u;
const EMOJI = /^\p{Emoji_Presentation}$/u;
const VARIATION_EMOJI = "\ufe0f";
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/**
 * What needs grapheme clusters to measure: marks, format and control characters, jamo, BMP emoji, and anything
 * beyond the BMP (a surrogate pair must never be cut).
 */
const CLUSTERED = /[\p{M}\p{Cf}\p{Cc}\u1100-\u11ff\u2300-\u2bff\u{10000}-\u{10ffff}]/u;

let segmenter: Intl.Segmenter | undefined;

/** The user-perceived characters of a text (grapheme clusters): a name is never cut inside one. */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Columns one code point takes in a terminal: 0, 1 or 2. */
function codePointWidth(character: string): number {
  if (ZERO_WIDTH.test(character)) return 0;
  if (EMOJI.test(character)) return 2;
  return isWide(character.codePointAt(0) ?? 0) ? 2 : 1;
}

function isWide(code: number): boolean {
  return code >= 0x1100 && WIDE.some(([first, last]) => code >= first && code <= last);
}

/** The width of a text whose every character stands alone (no {@link CLUSTERED} one): one or two each. */
function simpleWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) width += isWide(text.charCodeAt(i)) ? 2 : 1;
  return width;
}

/**
 * Columns one grapheme cluster takes: its widest code point, 2 for an emoji asked for by U+FE0F.
 * @example clusterWidth("e\u0301") === 1, clusterWidth("漢") === 2, clusterWidth("👩‍💻") === 2
 */
export function clusterWidth(cluster: string): number {
  let width = 0;
  for (const character of cluster) width = Math.max(width, codePointWidth(character));
  return width > 0 && cluster.includes(VARIATION_EMOJI) ? 2 : width;
}

/**
 * Columns a single-line text takes in a terminal: CJK and wide emoji count two, combining marks none.
 * @example displayWidth("Zoë") === 3, displayWidth("山田太郎") === 8
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (!CLUSTERED.test(text)) return simpleWidth(text);
  let width = 0;
  for (const cluster of graphemes(text)) width += clusterWidth(cluster);
  return width;
}

/**
 * The text cut to at most `width` columns, ending in `…` when cut, only between grapheme clusters.
 * @example truncateToWidth("Maximiliane", 6) === "Maxim…", truncateToWidth("山田太郎", 5) === "山田…"
 */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return "";
  if (!CLUSTERED.test(text)) {
    let end = 0;
    for (let used = 0; end < text.length; end++) {
      used += isWide(text.charCodeAt(end)) ? 2 : 1;
      if (used > width - 1) break;
    }
    return `${text.slice(0, end).trimEnd()}…`;
  }
  let kept = "";
  let used = 0;
  for (const cluster of graphemes(text)) {
    const next = clusterWidth(cluster);
    if (used + next > width - 1) break;
    kept += cluster;
    used += next;
  }
  return `${kept.trimEnd()}…`;
}

/**
 * A line broken at spaces into lines of at most `width` columns, the later ones indented by `indent`; a word
 * wider than a line is cut between grapheme clusters. Undefined width: the line as it is.
 * @example wrapToWidth("a bb ccc", 5, "  ") deep-equals ["a bb", "  ccc"]
 */
export function wrapToWidth(line: string, width: number | undefined, indent = "  "): string[] {
  if (width === undefined || displayWidth(line) <= width) return [line];
  const lines: string[] = [];
  let current = "";
  let hasWord = false;
  for (const word of line.split(" ")) {
    const candidate = hasWord ? `${current} ${word}` : current + word;
    if (displayWidth(candidate) <= width) {
      current = candidate;
      hasWord = true;
      continue;
    }
    if (hasWord) {
      lines.push(current);
      current = indent;
    }
    let rest = word;
    while (displayWidth(current + rest) > width) {
      const piece = fitClusters(rest, width - displayWidth(current));
      lines.push(current + piece);
      current = indent;
      rest = rest.slice(piece.length);
    }
    current += rest;
    hasWord = true;
  }
  lines.push(current);
  return lines;
}

/** The longest start of `text` that takes at most `width` columns (at least one cluster). */
function fitClusters(text: string, width: number): string {
  let kept = "";
  let used = 0;
  for (const cluster of graphemes(text)) {
    const next = clusterWidth(cluster);
    if (kept !== "" && used + next > width) break;
    kept += cluster;
    used += next;
  }
  return kept;
}
