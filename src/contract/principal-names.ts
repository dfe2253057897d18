import { PRINCIPAL_NAMES_OUTPUT, PrincipalNamesSchema } from "./outputs";

/*
 * The join between the program and write-back: the stack output `principalNames` (schema in src/contract),
 * employee id → UPN of every account the stack manages (adopted ones included), read from each account's
 * state after `up`. Not a secret: write-back reads it with the plain outputs.
 */

/** The output value for these accounts, keys in numeric order so the output diffs stably. */
export function principalNamesOutput(upns: ReadonlyMap<string, string>): Record<string, string> {
  const ids = [...upns.keys()].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return Object.fromEntries(ids.map((id) => [id, upns.get(id) as string]));
}

/** A stack without a usable `principalNames` output: one line, never the values. */
export class PrincipalNamesOutputError extends Error {
  override readonly name = "PrincipalNamesOutputError";
}

/**
 * Reads `principalNames` from a stack's plain outputs. Throws {@link PrincipalNamesOutputError} when it is missing
 * (the stack has not run `up` with a version that writes it) or malformed.
 */
export function readPrincipalNames(outputs: Readonly<Record<string, unknown>>): ReadonlyMap<string, string> {
  const raw = outputs[PRINCIPAL_NAMES_OUTPUT];
  if (raw === undefined) {
    throw new PrincipalNamesOutputError(
      `The stack has no ${PRINCIPAL_NAMES_OUTPUT} output. Allowed: a stack updated (up) by this version of the program.`,
    );
  }
  const parsed = PrincipalNamesSchema.safeParse(raw);
  if (!parsed.success) {
    // The offending key or value may be personal data: the message names neither.
    throw new PrincipalNamesOutputError(
      `Invalid stack output ${PRINCIPAL_NAMES_OUTPUT}: ${parsed.error.issues.length} malformed entr${parsed.error.issues.length === 1 ? "y" : "ies"}. ` +
        "Allowed: an object of Personio employee id → user principal name.",
    );
  }
  return new Map(Object.entries(parsed.data));
}
