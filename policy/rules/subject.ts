/** The identifying inputs of an `azuread.User` that a violation message may name. */
export interface UserIdentity {
  readonly employeeId?: unknown;
  readonly userPrincipalName?: unknown;
}

/**
 * Names a user in a violation message by its employee id, or by its UPN where it has none; no other personal data.
 * Example: `employeeId "42"`, `userPrincipalName "anna.mueller@contoso.com"`.
 */
export function subject(user: UserIdentity): string {
  if (isPresent(user.employeeId)) return `employeeId ${JSON.stringify(user.employeeId)}`;
  if (isPresent(user.userPrincipalName)) return `userPrincipalName ${JSON.stringify(user.userPrincipalName)}`;
  return "a user with neither employeeId nor userPrincipalName";
}

/** True for a string with at least one non-blank character. */
export function isPresent(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}
