/**
 * The Entra admin center's "Download users" CSV as tenant-export entries. Headers match without case, spaces,
 * underscores or dashes, so both the camel names (`userPrincipalName`, `objectId`) and display names
 * (`User principal name`, `Object ID`) are read.
 */

/** A CSV export that cannot be used; one line naming the source, the row or column and what is allowed. */
export class CsvExportError extends Error {
  override readonly name = "CsvExportError";
}

/** Each field of an entry and the headers, normalised, that may carry it; the first present wins. */
const COLUMNS = {
  id: ["id", "objectid"],
  userPrincipalName: ["userprincipalname"],
  employeeId: ["employeeid"],
  mail: ["mail", "email"],
  accountEnabled: ["accountenabled"],
  onPremisesSyncEnabled: ["onpremisessyncenabled", "dirsyncenabled", "directorysynced"],
} as const;

type Field = keyof typeof COLUMNS;

/**
 * Without these the plan would guess: no `employeeId` means a leaver's account could be matched to a new hire
 * by e-mail alone.
 */
const REQUIRED: readonly Field[] = ["id", "userPrincipalName", "employeeId"];

/**
 * The rows of a portal CSV as Graph-shaped users: empty cells are null, booleans read `true`/`false`/`yes`/`no`.
 * @example "userPrincipalName,id,employeeId\na@x.com,obj-1,7" → [{ id: "obj-1", userPrincipalName: "a@x.com", employeeId: "7", … }]
 */
export function parseCsvExport(text: string, source: string): Record<string, unknown>[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""), source);
  const header = (rows.shift() ?? []).map(normalise);
  const index = {} as Record<Field, number>;
  for (const field of Object.keys(COLUMNS) as Field[]) {
    index[field] = COLUMNS[field].map((name) => header.indexOf(name)).find((i) => i >= 0) ?? -1;
    if (index[field] === -1 && REQUIRED.includes(field)) {
      throw new CsvExportError(
        `Invalid --existing-accounts ${source}: the CSV has no column ${field}. Allowed: the Entra admin center's ` +
          `"Download users" CSV with columns ${REQUIRED.join(", ")} (id may be objectId), or a JSON export.`,
      );
    }
  }
  return rows
    .filter((row) => row.some((cell) => cell.trim() !== ""))
    .map((row, i) => {
      const cell = (field: Field): string | null => {
        const value = index[field] === -1 ? "" : (row[index[field]] ?? "").trim();
        return value === "" ? null : value;
      };
      return {
        id: cell("id") ?? "",
        userPrincipalName: cell("userPrincipalName") ?? "",
        employeeId: cell("employeeId"),
        mail: cell("mail"),
        accountEnabled: flag(cell("accountEnabled"), i, "accountEnabled", source),
        onPremisesSyncEnabled: flag(cell("onPremisesSyncEnabled"), i, "onPremisesSyncEnabled", source),
      };
    });
}

function normalise(header: string): string {
  return header.toLowerCase().replace(/[\s_-]/g, "");
}

function flag(value: string | null, row: number, field: Field, source: string): boolean | null {
  if (value === null) return null;
  const lower = value.toLowerCase();
  if (lower === "true" || lower === "yes") return true;
  if (lower === "false" || lower === "no") return false;
  throw new CsvExportError(
    `Invalid --existing-accounts ${source}: row ${row + 1}, column ${field}: ${JSON.stringify(value)}. Allowed: true, false, yes, no or empty.`,
  );
}

/** RFC 4180: commas, double-quoted fields with `""` for a quote, CRLF or LF, line breaks inside quotes. */
function parseCsv(text: string, source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (quoted) {
    throw new CsvExportError(
      `Invalid --existing-accounts ${source}: a quoted field is not closed. Allowed: a CSV whose quotes are paired.`,
    );
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
