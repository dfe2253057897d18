import type { LoadedConfig } from "../config";
import { configuredAttributes } from "../config/required-attributes";
import type { AttributeDefinition, Employee } from "../personio";

/** One readable attribute: what Personio calls it, how many employees have a value, and a mapping line for it. */
export interface AttributeRow {
  readonly key: string;
  readonly label: string;
  readonly type: string;
  /** Employees with a non-empty value; the values themselves are never shown. */
  readonly filled: number;
  /** The `attributeMapping` line that would use it, e.g. `jobTitle: position`, with a comment when the config maps or uses it. */
  readonly mapping: string;
}

/** The `azuread.User` input a standard attribute fits; others get the placeholder `<input>`. */
const SUGGESTED_INPUT: Readonly<Record<string, string>> = {
  position: "jobTitle",
  department: "department",
  office: "officeLocation",
  subcompany: "companyName",
  cost_centers: "costCenter",
  hire_date: "employeeHireDate",
  supervisor: "managerId",
  employment_type: "employeeType",
  team: "division",
};

function isFilled(value: Employee["attributes"][string] | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * A row per attribute the key may read (the id left out: every account gets it as `employeeId`), in Personio's
 * order. An attribute the config already maps shows its line; another one that the config uses names the key.
 * @example position, unmapped → { …, mapping: "jobTitle: position" }; dynamic_9 → "<input>: dynamic_9"
 */
export function attributeRows(
  definitions: readonly AttributeDefinition[],
  employees: readonly Employee[],
  config: LoadedConfig,
): AttributeRow[] {
  const mapped = new Map(Object.entries(config.attributeMapping).map(([input, key]) => [key, input]));
  const used = new Map(configuredAttributes(config));
  return definitions
    .filter((definition) => definition.key !== "id")
    .map(({ key, label, type }) => {
      const input = mapped.get(key);
      const where = used
        .get(key)
        ?.replace(/^personio-azuread:/, "")
        .replace(/\.attribute$/, "");
      const mapping =
        input !== undefined
          ? `${input}: ${key}  # mapped`
          : where !== undefined
            ? `${SUGGESTED_INPUT[key] ?? "<input>"}: ${key}  # used by ${where}`
            : `${SUGGESTED_INPUT[key] ?? "<input>"}: ${key}`;
      return {
        key,
        label: label ?? key,
        type: type ?? "untyped",
        filled: employees.filter((employee) => isFilled(employee.attributes[key])).length,
        mapping,
      };
    });
}

const HEADERS = ["key", "label", "type", "employees", "attributeMapping line"] as const;
/**
 * Who gives up width, in turn, and down to what: the label to 16 characters, the mapping line to 24, then both
 * to 5; the key, type and count are never cut.
 */
const SHRINK_STEPS: readonly (readonly [column: number, least: number])[] = [
  [1, 16],
  [4, 24],
  [1, 5],
  [4, 5],
];

/** `text` cut to `width` characters, the last one `…` when cut. */
function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text.padEnd(width) : `${chars.slice(0, width - 1).join("")}…`;
}

/**
 * The rows as a table no wider than `width` (the terminal's columns, 100 when not a TTY) where the key, type and
 * count columns leave room: the label and the mapping line give up width (see the steps), cut with `…`.
 */
export function attributeTable(rows: readonly AttributeRow[], width: number): string[] {
  const cells = rows.map((r) => [r.key, r.label, r.type, String(r.filled), r.mapping]);
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => [...row[i]!].length)),
  );
  const gaps = (widths.length - 1) * 2;
  for (const [column, least] of SHRINK_STEPS) {
    const over = widths.reduce((sum, w) => sum + w, gaps) - width;
    const now = widths[column] ?? 0;
    if (over > 0 && now > least) widths[column] = Math.max(least, now - over);
  }
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === 3 ? cell.padStart(widths[i] ?? 0) : fit(cell, widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(HEADERS), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)];
}
