import { displayWidth, truncateToWidth } from "../util/display-width";

/** One column of a text table. */
export interface TextColumn {
  readonly head: string;
  readonly cells: readonly string[];
  /** Narrowest width worth showing (default: the whole content); below it the column is dropped if it may be. */
  readonly min?: number;
  /** Widest the column grows; longer cells end in `…` (default: no limit). */
  readonly max?: number;
  /** Columns with a rank may be left out for width, the highest rank first; a column without one never is. */
  readonly drop?: number;
}

/** A table as lines, and the heads of the columns left out to fit. */
export interface TextTable {
  readonly lines: string[];
  readonly dropped: string[];
}

/** Columns a table needs beyond its cells: `│ ` before, ` │ ` between and ` │` after them. */
function borders(columns: number): number {
  return 3 * columns + 1;
}

/**
 * The columns as a boxed table at most `width` columns wide (undefined: no limit): low-value columns are left
 * out first (highest `drop`), then the rest share the room, the narrowest growing first, and longer cells end in
 * `…`; widths are display widths, so CJK names take two columns and combining marks none.
 * @example at width 30, a 40-column table loses its `drop: 2` column before its `drop: 1` one
 */
export function textTable(columns: readonly TextColumn[], width: number | undefined): TextTable {
  const sized = columns.map((column) => sizedColumn(column));
  const kept = keptColumns(sized, width);
  const widths =
    width === undefined ? kept.map((column) => column.full) : fitWidths(kept, width - borders(kept.length));
  const line = (cells: readonly string[]): string =>
    `│ ${cells.map((cell, i) => pad(truncateToWidth(cell, widths[i] ?? 0), widths[i] ?? 0)).join(" │ ")} │`;
  const rule = (left: string, middle: string, right: string): string =>
    `${left}${widths.map((w) => "─".repeat(w + 2)).join(middle)}${right}`;
  const rows = kept[0]?.cells.length ?? 0;
  const lines = [rule("┌", "┬", "┐"), line(kept.map((column) => column.head))];
  for (let row = 0; row < rows; row++) lines.push(line(kept.map((column) => column.cells[row] ?? "")));
  lines.push(rule("└", "┴", "┘"));
  const shown = new Set(kept);
  return { lines, dropped: sized.filter((column) => !shown.has(column)).map((column) => column.head) };
}

/** A column with its cells made printable and its widths measured once. */
interface SizedColumn extends TextColumn {
  /** Its whole content, up to `max`. */
  readonly full: number;
  /** The narrowest worth showing, up to `full`. */
  readonly least: number;
}

function sizedColumn(column: TextColumn): SizedColumn {
  const head = printable(column.head);
  const cells = column.cells.map(printable);
  let width = displayWidth(head);
  for (const cell of cells) width = Math.max(width, displayWidth(cell));
  const full = Math.min(width, column.max ?? Infinity);
  return { ...column, head, cells, full, least: Math.min(full, column.min ?? Infinity) };
}

/** Leaves out droppable columns, highest rank first, until the rest fit at their narrowest. */
function keptColumns(columns: readonly SizedColumn[], width: number | undefined): SizedColumn[] {
  const kept = [...columns];
  if (width === undefined) return kept;
  const need = (): number => kept.reduce((sum, column) => sum + column.least, 0) + borders(kept.length);
  while (need() > width) {
    const ranked = kept.filter((column) => column.drop !== undefined);
    if (ranked.length === 0) break;
    const lowest = ranked.reduce((a, b) => ((b.drop ?? 0) > (a.drop ?? 0) ? b : a));
    kept.splice(kept.indexOf(lowest), 1);
  }
  return kept;
}

/**
 * Widths that add up to at most `room`: from the narrowest worth showing, the narrowest columns grow first
 * towards their whole content; if even the narrowest do not fit, the widest are cut down (never below 1).
 */
function fitWidths(columns: readonly SizedColumn[], room: number): number[] {
  const full = columns.map((column) => column.full);
  const widths = columns.map((column) => column.least);
  let spare = room - widths.reduce((sum, w) => sum + w, 0);
  while (spare < 0) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= 1) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    spare += 1;
  }
  while (spare > 0) {
    let pick = -1;
    for (let i = 0; i < widths.length; i++) {
      const w = widths[i] ?? 0;
      if (w < (full[i] ?? 0) && (pick < 0 || w < (widths[pick] ?? 0))) pick = i;
    }
    if (pick < 0) break;
    widths[pick] = (widths[pick] ?? 0) + 1;
    spare -= 1;
  }
  return widths;
}

/** Line breaks and other controls would break the table's rows: each shows as a space. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, " ");
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
