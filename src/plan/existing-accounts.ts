import { readFileSync } from "node:fs";
import { z } from "zod";
import type { ExistingAccount } from "../config/types";

/** One Graph user object of a tenant export; other properties are ignored. */
const GraphUserSchema = z.object({
  id: z.string().min(1),
  userPrincipalName: z.string().min(3),
  mail: z.string().nullish(),
  employeeId: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
});

const ExportSchema = z.union([z.array(z.unknown()), z.object({ value: z.array(z.unknown()) })]);

/** A tenant export that cannot be used; the message names the file, the entry and the field. */
export class ExistingAccountsError extends Error {
  override readonly name = "ExistingAccountsError";
}

/**
 * Reads a tenant export for the offline plan: a JSON array of Graph user objects or a Graph page
 * `{ "value": [...] }` (`GET /users?$select=id,userPrincipalName,mail,employeeId,accountEnabled`).
 */
export function readExistingAccounts(path: string): ExistingAccount[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "not valid JSON";
    throw new ExistingAccountsError(`Invalid --existing-accounts ${path}: ${reason}. Allowed: a JSON file.`);
  }
  return parseExistingAccounts(json, path);
}

/** Validates an export already parsed from JSON; see {@link readExistingAccounts}. */
export function parseExistingAccounts(json: unknown, source: string): ExistingAccount[] {
  const shape = ExportSchema.safeParse(json);
  if (!shape.success) {
    throw new ExistingAccountsError(
      `Invalid --existing-accounts ${source}: ${describe(json)}. Allowed: a JSON array of Graph users or { "value": [...] }.`,
    );
  }
  const entries = Array.isArray(shape.data) ? shape.data : shape.data.value;
  const ids = new Set<string>();
  return entries.map((entry, index) => {
    const user = GraphUserSchema.safeParse(entry);
    if (!user.success) {
      const field = user.error.issues[0]?.path.join(".") || "(entry)";
      throw new ExistingAccountsError(
        `Invalid --existing-accounts ${source}: entry ${index}, field ${field}: ${user.error.issues[0]?.message ?? "invalid"}. ` +
          "Allowed: Graph users with id and userPrincipalName (strings), mail and employeeId (string or null), accountEnabled (boolean or null).",
      );
    }
    if (ids.has(user.data.id)) {
      throw new ExistingAccountsError(
        `Invalid --existing-accounts ${source}: entry ${index}, field id: ${JSON.stringify(user.data.id)} appears twice. Allowed: unique ids.`,
      );
    }
    ids.add(user.data.id);
    return {
      id: user.data.id,
      userPrincipalName: user.data.userPrincipalName,
      mail: user.data.mail ?? null,
      employeeId: user.data.employeeId ?? null,
      accountEnabled: user.data.accountEnabled ?? null,
    };
  });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value)
    ? "an array"
    : typeof value === "object"
      ? "an object without value: [...]"
      : `a ${typeof value}`;
}
