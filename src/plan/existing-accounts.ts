import { readFileSync } from "node:fs";
import { z } from "zod";
import type { ExistingAccount } from "../config/types";
import type { TenantUser } from "../graph/types";
import { CsvExportError, parseCsvExport } from "./csv-export";

/**
 * One Graph user object of a tenant export; other properties are ignored. The Graph step's fields are optional:
 * an export without them still serves adoption, only the Graph actions cannot be counted from it.
 */
const GraphUserSchema = z.object({
  id: z.string().min(1),
  userPrincipalName: z.string().min(3),
  mail: z.string().nullish(),
  employeeId: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
  signInSessionsValidFromDateTime: z.iso.datetime({ offset: true }).nullish(),
  onPremisesSyncEnabled: z.boolean().nullish(),
  onPremisesExtensionAttributes: z.record(z.string(), z.string().nullable()).nullish(),
});

/** The Graph step's fields a tenant export must carry on every user for the plan to count the Graph actions. */
export const GRAPH_EXPORT_FIELDS = [
  "signInSessionsValidFromDateTime",
  "onPremisesSyncEnabled",
  "onPremisesExtensionAttributes",
] as const;

/** A tenant export: the accounts to adopt and, when every user has {@link GRAPH_EXPORT_FIELDS}, the tenant. */
export interface TenantExport {
  readonly accounts: ExistingAccount[];
  /** The users as the Graph step reads them; undefined when some user lacks one of the Graph fields. */
  readonly tenant: TenantUser[] | undefined;
}

/** A Graph response page; `@odata.nextLink` and `@odata.count` say whether it is the whole listing. */
const PageSchema = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.unknown().optional(),
  "@odata.count": z.unknown().optional(),
});

const ExportSchema = z.union([z.array(z.unknown()), PageSchema]);

/** How to put every page of the listing into one file: the remedy of both refusals of a partial page. */
const EVERY_PAGE =
  "Allowed: every page of GET /users in one file: follow @odata.nextLink until it is absent and concatenate " +
  "the pages' value arrays into one JSON array, e.g. jq -s '[.[].value[]]' page-*.json > users.json.";

/** A tenant export that cannot be used; the message names the file, the entry and the field. */
export class ExistingAccountsError extends Error {
  override readonly name = "ExistingAccountsError";
}

/**
 * Reads a tenant export for the offline plan, its format told by its content: a JSON array of Graph user objects,
 * a Graph page `{ "value": [...] }` (`npm run export-tenant`, or `GET /users?$select=…`), `Get-MgUser -All |
 * ConvertTo-Json` (PascalCase keys; one object for one user), or the Entra admin center's "Download users" CSV.
 * A page that is not the whole listing (`@odata.nextLink` set, or `@odata.count` above its length) is refused:
 * the users of the other pages would look missing and the plan would propose to create them again.
 */
export function readExistingAccounts(path: string): ExistingAccount[] {
  return readTenantExport(path).accounts;
}

/** {@link readExistingAccounts}, keeping the Graph step's fields for the plan's Graph counts. */
export function readTenantExport(path: string): TenantExport {
  let text: string;
  try {
    text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ExistingAccountsError(
      `Invalid --existing-accounts ${path}: ${reason}. Allowed: a readable file.`,
    );
  }
  if (!/^\s*[[{]/.test(text)) {
    try {
      return parseTenantExport(parseCsvExport(text, path), path);
    } catch (error) {
      if (error instanceof CsvExportError) throw new ExistingAccountsError(error.message);
      throw error;
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ExistingAccountsError(
      `Invalid --existing-accounts ${path}: not valid JSON. Allowed: a JSON export or the portal's users CSV.`,
    );
  }
  return parseTenantExport(json, path);
}

/** Validates an export already parsed from JSON; see {@link readExistingAccounts}. */
export function parseExistingAccounts(json: unknown, source: string): ExistingAccount[] {
  return parseTenantExport(json, source).accounts;
}

/** Validates an export already parsed from JSON; see {@link readTenantExport}. */
export function parseTenantExport(json: unknown, source: string): TenantExport {
  if (isPowerShellUser(json)) json = [json];
  const shape = ExportSchema.safeParse(json);
  if (!shape.success) {
    throw new ExistingAccountsError(
      `Invalid --existing-accounts ${source}: ${describe(json)}. Allowed: a JSON array of Graph users or { "value": [...] }.`,
    );
  }
  let entries: unknown[];
  if (Array.isArray(shape.data)) {
    entries = shape.data;
    if (entries.some(isPowerShellUser)) {
      refuseDefaultProperties(entries, source);
      entries = entries.map(fromPowerShell);
    }
  } else {
    refusePartialPage(shape.data, source);
    entries = shape.data.value;
  }
  const ids = new Set<string>();
  const users = entries.map((entry, index) => {
    const user = GraphUserSchema.safeParse(entry);
    if (!user.success) {
      const field = user.error.issues[0]?.path.join(".") || "(entry)";
      throw new ExistingAccountsError(
        `Invalid --existing-accounts ${source}: entry ${index}, field ${field}: ${user.error.issues[0]?.message ?? "invalid"}. ` +
          "Allowed: Graph users with id and userPrincipalName (strings), mail and employeeId (string or null), accountEnabled (boolean or null), " +
          "signInSessionsValidFromDateTime (ISO date-time or null), onPremisesSyncEnabled (boolean or null), onPremisesExtensionAttributes (object of strings or null).",
      );
    }
    if (ids.has(user.data.id)) {
      throw new ExistingAccountsError(
        `Invalid --existing-accounts ${source}: entry ${index}, field id: ${JSON.stringify(user.data.id)} appears twice. Allowed: unique ids.`,
      );
    }
    ids.add(user.data.id);
    return { user: user.data, complete: GRAPH_EXPORT_FIELDS.every((field) => field in (entry as object)) };
  });
  const tenant = users.map(({ user }): TenantUser => ({
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    mail: user.mail ?? null,
    employeeId: user.employeeId ?? null,
    accountEnabled: user.accountEnabled ?? null,
    signInSessionsValidFromDateTime: user.signInSessionsValidFromDateTime ?? null,
    onPremisesSyncEnabled: user.onPremisesSyncEnabled ?? null,
    onPremisesExtensionAttributes: user.onPremisesExtensionAttributes ?? null,
  }));
  return {
    accounts: tenant.map(
      ({ id, userPrincipalName, mail, employeeId, accountEnabled, onPremisesSyncEnabled }) => ({
        id,
        userPrincipalName,
        mail: mail ?? null,
        employeeId,
        accountEnabled,
        ...(onPremisesSyncEnabled === null ? {} : { onPremisesSyncEnabled }),
      }),
    ),
    tenant: users.every(({ complete }) => complete) ? tenant : undefined,
  };
}

/** Throws unless the page is the whole listing, e.g. `{ "value": [1 user], "@odata.count": 2 }` is refused. */
function refusePartialPage(page: z.infer<typeof PageSchema>, source: string): void {
  const prefix = `Invalid --existing-accounts ${source}`;
  const users = `${page.value.length} user${page.value.length === 1 ? "" : "s"}`;
  const next = page["@odata.nextLink"];
  if (next !== undefined && next !== null) {
    throw new ExistingAccountsError(
      `${prefix}: field @odata.nextLink is set, so the file is one page of ${users}, not the whole tenant. ${EVERY_PAGE}`,
    );
  }
  const count = page["@odata.count"];
  if (count === undefined || count === null) return;
  if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) {
    const got =
      typeof count === "number"
        ? String(count)
        : Array.isArray(count)
          ? "an array"
          : typeof count === "object"
            ? "an object"
            : `a ${typeof count}`;
    throw new ExistingAccountsError(
      `${prefix}: field @odata.count: ${got}. Allowed: a whole number, the count of users in the tenant.`,
    );
  }
  if (count > page.value.length) {
    throw new ExistingAccountsError(
      `${prefix}: field @odata.count is ${count} but value holds ${users}, so the file is one page, not the whole tenant. ${EVERY_PAGE}`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value)
    ? "an array"
    : typeof value === "object"
      ? "an object without value: [...]"
      : `a ${typeof value}`;
}

/** The PascalCase keys of `Get-MgUser | ConvertTo-Json` the plan reads, and their Graph names. */
const POWERSHELL_KEYS = {
  Id: "id",
  UserPrincipalName: "userPrincipalName",
  Mail: "mail",
  EmployeeId: "employeeId",
  AccountEnabled: "accountEnabled",
  OnPremisesSyncEnabled: "onPremisesSyncEnabled",
} as const;

function isPowerShellUser(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && "Id" in value && !("id" in value)
  );
}

/** The Graph-named fields of one PowerShell user; its other properties (the Graph step's) are left out. */
function fromPowerShell(entry: unknown): unknown {
  if (!isPowerShellUser(entry)) return entry;
  return Object.fromEntries(Object.entries(POWERSHELL_KEYS).map(([from, to]) => [to, entry[from] ?? null]));
}

/**
 * `Get-MgUser -All` without `-Property` sends `AccountEnabled` and `EmployeeId` as null for everyone: matched by
 * e-mail alone, a leaver's account could go to a new hire. Such an export is refused.
 */
function refuseDefaultProperties(entries: unknown[], source: string): void {
  if (entries.some((entry) => isPowerShellUser(entry) && typeof entry["AccountEnabled"] === "boolean"))
    return;
  throw new ExistingAccountsError(
    `Invalid --existing-accounts ${source}: field AccountEnabled is null for all ${entries.length} users, so Get-MgUser ran ` +
      "without -Property. Allowed: Get-MgUser -All -Property Id,UserPrincipalName,Mail,EmployeeId,AccountEnabled," +
      "OnPremisesSyncEnabled | ConvertTo-Json > users.json.",
  );
}
