const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `30m`, `90s`, `1h`, `1d`, `250ms` (or `never` where allowed) into milliseconds; undefined when invalid. */
export function parseDuration(text: string, allowNever = false): number | undefined {
  if (allowNever && text === "never") return Infinity;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]) * (UNITS[match[2] as string] as number);
  return Number.isFinite(value) ? value : undefined;
}
