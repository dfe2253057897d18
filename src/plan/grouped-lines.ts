import { wrapToWidth } from "../util/display-width";

/** One employee's entry of a kind: a skip reason, a warning. */
export interface KindEntry {
  readonly kind: string;
  /** The employee id, possibly with a detail (`67 (create 2026-12-31)`). */
  readonly label: string;
}

/** Ids a group line shows before `… (+N)`. */
export const IDS_SHOWN = 3;

/**
 * One line per kind instead of one per employee: the count, the kind and the first {@link IDS_SHOWN} labels,
 * most frequent kind first; wrapped to `width`. Undefined width (`--wide`): every label.
 * @example entries of 37 unreadable records → `! 37 × unreadable_record: 12, 57, 103, … (+34)`
 */
export function groupedLines(
  entries: readonly KindEntry[],
  marker: string,
  width: number | undefined,
): string[] {
  const byKind = new Map<string, string[]>();
  for (const entry of entries) {
    const labels = byKind.get(entry.kind) ?? [];
    labels.push(entry.label);
    byKind.set(entry.kind, labels);
  }
  const kinds = [...byKind].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0));
  return kinds.flatMap(([kind, labels]) => {
    const shown = width === undefined ? labels : labels.slice(0, IDS_SHOWN);
    const more = labels.length - shown.length;
    const list = more === 0 ? shown.join(", ") : `${shown.join(", ")}, … (+${more})`;
    return wrapToWidth(`${marker} ${labels.length} × ${kind}: ${list}`, width, "    ");
  });
}
