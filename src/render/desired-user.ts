import type { ExistingAccount } from "../config/types";
import type { Employee } from "../personio/employee";
import { type MappingEntry, mapAttributes } from "./attribute-mapping";
import type { ManagerReference } from "./manager";
import type { DesiredUser } from "./types";
import { DISPLAY_NAME_MAX_LENGTH, NAME_MAX_LENGTH } from "../entra/user-inputs";
import { cleanText } from "./clean-text";
import { splitExtensionAttributes } from "./extension-attributes";
import { fitText, type Warn } from "./warnings";

/** What one desired user is made of, all decided before. */
export interface UserParts {
  readonly employee: Employee;
  readonly userPrincipalName: string;
  readonly account: ExistingAccount | undefined;
  /** Decided by the lifecycle rules (termination date, joiners). */
  readonly accountEnabled: boolean;
  readonly manager: ManagerReference;
}

/**
 * The desired user for an employee that passed every check (names and e-mail present). Keys come in the
 * plan's order: fixed inputs, mapped inputs, then `adoptedObjectId`, the manager reference and the mapped
 * extension attributes (not inputs). Only a new account gets a `mailNickname` (the UPN's local part).
 * @example displayName defaults to "Anna Müller" for first_name "Anna", last_name "Müller"
 */
export function buildDesiredUser(
  parts: UserParts,
  mapping: readonly MappingEntry[],
  warn: Warn,
): DesiredUser {
  const { employee, userPrincipalName, account, accountEnabled, manager } = parts;
  const givenName = cleanText((employee.firstName ?? "").trim(), "givenName", warn);
  const surname = cleanText((employee.lastName ?? "").trim(), "surname", warn);
  const split = splitExtensionAttributes(mapping, mapAttributes(mapping, employee.attributes, warn));
  const { displayName: mappedDisplayName, ...mapped } = split.inputs;
  // A mapped display name that is empty for this employee falls back to the default: displayName is required.
  const displayName =
    typeof mappedDisplayName === "string"
      ? mappedDisplayName
      : fitText(`${givenName} ${surname}`, DISPLAY_NAME_MAX_LENGTH, "displayName", warn);
  return {
    employeeId: String(employee.id),
    userPrincipalName,
    displayName,
    givenName: fitText(givenName, NAME_MAX_LENGTH, "givenName", warn),
    surname: fitText(surname, NAME_MAX_LENGTH, "surname", warn),
    // An existing account's mailNickname is its Exchange alias (often jdoe for john.doe@): never rename it.
    ...(account === undefined ? { mailNickname: localPart(userPrincipalName) } : {}),
    accountEnabled,
    ...mapped,
    ...(account === undefined ? {} : { adoptedObjectId: account.id }),
    ...manager,
    ...(split.extensionAttributes === undefined ? {} : { extensionAttributes: split.extensionAttributes }),
  };
}

function localPart(userPrincipalName: string): string {
  const at = userPrincipalName.lastIndexOf("@");
  return at < 0 ? userPrincipalName : userPrincipalName.slice(0, at);
}
