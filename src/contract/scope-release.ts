/*
 * The join between the runner and the program for `--allow-scope-release`: the variable through which the runner
 * (or an administrator running `pulumi up` by hand) lets the program release the managed accounts of employees
 * who left `personio-azuread:scope`.
 */

/** `1` (or `true`): accounts out of scope are released from the stack; unset or empty: they are kept as they are. */
export const SCOPE_RELEASE_ENV = "PERSONIO_AZUREAD_ALLOW_SCOPE_RELEASE";

/** A malformed {@link SCOPE_RELEASE_ENV}: one line naming the variable, the value and what is allowed. */
export class ScopeReleaseEnvError extends Error {
  override readonly name = "ScopeReleaseEnvError";
}

/**
 * Reads {@link SCOPE_RELEASE_ENV}: `"1"` or `"true"` → true, undefined or `""` → false. Throws
 * {@link ScopeReleaseEnvError} for anything else, so that a typo never releases (or keeps) accounts silently.
 */
export function parseScopeReleaseEnv(value: string | undefined): boolean {
  if (value === undefined || value === "") return false;
  if (value === "1" || value === "true") return true;
  throw new ScopeReleaseEnvError(
    `Invalid value for ${SCOPE_RELEASE_ENV}: ${JSON.stringify(value.slice(0, 40))}. ` +
      "Allowed: 1 or true (release the accounts of employees out of scope), or unset (keep them as they are).",
  );
}
