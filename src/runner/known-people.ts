import { PRINCIPAL_NAMES_OUTPUT, type ObservedOutputs } from "../contract";
import { render } from "../render";
import { type KnownNames, writtenWithoutSpaces } from "../util/known-names";
import type { PersonioReading } from "./take-snapshot";

/**
 * Everyone a cycle can name, from its snapshot and the stack's last outputs: each employee's first and last name
 * and e-mail, the users the program will render from the snapshot (UPN, mail nickname, display, given and family
 * name; in CJK and similar scripts also family and given name joined both ways), and the UPN of every account
 * the stack already manages (collision logins such as `anna.schmidt_12345@…` are only there: they depend on the
 * tenant's accounts, which the runner does not read).
 */
export function knownPeople(reading: PersonioReading, outputs: ObservedOutputs): KnownNames {
  const { employees, today } = reading.snapshot;
  const names: (string | null)[] = [];
  const logins: (string | null)[] = [];
  for (const { firstName: first, lastName: last } of employees) {
    names.push(first, last);
    // Written without spaces, a name reads family name first (王小明) or as rendered (小明王).
    if (first !== null && last !== null && writtenWithoutSpaces(first + last))
      names.push(last + first, first + last);
  }
  for (const employee of employees) logins.push(employee.email);
  for (const user of render({ employees, config: reading.config, today, existingAccounts: [] }).users) {
    names.push(user.displayName, user.givenName, user.surname);
    logins.push(user.userPrincipalName, user.mailNickname ?? null);
  }
  logins.push(...managedLogins(outputs));
  return { names, logins };
}

/** The UPNs of the `principalNames` output, when it has the shape the program gives it. */
export function managedLogins(outputs: ObservedOutputs): string[] {
  const raw = outputs[PRINCIPAL_NAMES_OUTPUT];
  if (typeof raw !== "object" || raw === null) return [];
  return Object.values(raw).filter((upn): upn is string => typeof upn === "string");
}
