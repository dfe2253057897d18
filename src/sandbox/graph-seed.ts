import type { EmulatedUser } from "./graph-types";
import type { PersonioEmployeeItem } from "./types";

/** The mailbox `npm run sandbox` sends onboarding mail from. */
export const SENDER_LOCAL_PART = "onboarding";

/**
 * A tenant for a Personio company: an account for every employee with an e-mail who is not still onboarding
 * (UPN = the e-mail in lower case, `employeeId` = the Personio id, disabled when inactive), the first of them
 * synced from on-premises, and the one mailbox: a cloud-only sender `onboarding@<domain>` with a mailbox.
 * Object ids are stable: `00000000-0000-4000-8000-<employee id, 12 digits>`.
 */
export function tenantFromCompany(employees: readonly PersonioEmployeeItem[]): EmulatedUser[] {
  const users: EmulatedUser[] = [];
  for (const employee of employees) {
    const id = Number(employee.attributes["id"]?.value);
    const email = employee.attributes["email"]?.value;
    const status = String(employee.attributes["status"]?.value ?? "");
    if (!Number.isInteger(id) || typeof email !== "string" || !email.includes("@") || status === "onboarding")
      continue;
    users.push({
      id: objectId(id),
      employeeId: String(id),
      userPrincipalName: email.trim().toLowerCase(),
      displayName: `Employee ${id}`,
      mail: email.trim().toLowerCase(),
      accountEnabled: status !== "inactive",
      signInSessionsValidFromDateTime: null,
      onPremisesSyncEnabled: users.length === 0 ? true : null,
      onPremisesExtensionAttributes: {},
      mailbox: false,
    });
  }
  const domain =
    users.find((u) => u.onPremisesSyncEnabled !== true)?.userPrincipalName.split("@")[1] ?? "example.org";
  users.push({
    id: objectId(0),
    employeeId: null,
    userPrincipalName: `${SENDER_LOCAL_PART}@${domain}`,
    displayName: "Onboarding",
    mail: `${SENDER_LOCAL_PART}@${domain}`,
    accountEnabled: true,
    signInSessionsValidFromDateTime: null,
    onPremisesSyncEnabled: null,
    onPremisesExtensionAttributes: {},
    mailbox: true,
  });
  return users;
}

function objectId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}
