import type { ExistingAccount } from "../config/types";
import type { CalendarDate } from "../personio/dates";
import type { Employee } from "../personio/employee";
import { matchAccounts } from "./accounts";
import { compileMapping } from "./attribute-mapping";
import { stripUnsafe } from "./clean-text";
import { hasLeft } from "./calendar";
import { buildDesiredUser } from "./desired-user";
import { creationDate, DEFAULT_JOINERS, desiredEnabled, isCreationDue, upcomingEvents } from "./lifecycle";
import { createLoginNormalizer, renderLocalPart } from "./login-name";
import { createManagerResolver } from "./manager";
import { possibleRehires } from "./rehires";
import { byEmployeeId, byId, inCreationOrder } from "./order";
import { type NameClaim, PrincipalNameRegistry } from "./principal-names";
import type { DesiredUser, LifecycleEvent, RenderInput, RenderResult, SkippedEmployee } from "./types";
import { EMPLOYEE_ID_MAX_LENGTH } from "../entra/user-inputs";
import { WarningLog } from "./warnings";

/** The attributes an account needs, in the order a missing one is reported. */
const REQUIRED: readonly {
  readonly attribute: string;
  readonly read: (employee: Employee) => string | null;
}[] = [
  { attribute: "first_name", read: (employee) => employee.firstName },
  { attribute: "last_name", read: (employee) => employee.lastName },
  { attribute: "email", read: (employee) => employee.email },
];

/** Why an employee whose account on-premises AD masters gets no user (the match stays theirs: no duplicate). */
const HYBRID_WARNING =
  "the matching account is synced from on-premises AD; not adopted, and no second account is created";

/**
 * Renders the desired directory: one user per employee who can be provisioned (or already has an account),
 * the others skipped with a reason, and warnings for values Azure AD would reject. Pure: the same input
 * gives the same result, whatever the order of employees and accounts.
 * @example an employee who left yesterday with an adopted account → a desired user with accountEnabled false
 */
export function render(input: RenderInput): RenderResult {
  const { config, today } = input;
  const joiners = config.joiners ?? DEFAULT_JOINERS;
  const employees = inCreationOrder(input.employees);
  const accounts = [...input.existingAccounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const warnings = new WarningLog();
  const matches = matchAccounts(employees, accounts, warnings);
  const registry = new PrincipalNameRegistry(accounts);
  const normalize = createLoginNormalizer();

  const skipped: SkippedEmployee[] = [];
  const events: LifecycleEvent[] = [];
  const provisioned: Employee[] = [];
  const names = new Map<number, string>();
  const claims: NameClaim[] = [];
  for (const employee of employees) {
    const account = matches.get(employee.id);
    const skip = skipBeforeLogin(employee, account, today);
    if (skip !== undefined) {
      if (skip.reason === "hybrid_account") warnings.add(employee.id, "employeeId", HYBRID_WARNING);
      skipped.push(skip);
      continue;
    }
    if (account === undefined && !isCreationDue(employee, joiners, today)) {
      const createOn = creationDate(employee.hireDate, joiners) as string;
      skipped.push({ employeeId: String(employee.id), reason: "not_yet_due", createOn });
      events.push(...upcomingEvents(employee, joiners, today, undefined));
      continue;
    }
    // An adopted account keeps its login, so that a rename in Personio does not move anyone's sign-in.
    const kept =
      account !== undefined && registry.holdsOwnName(account) ? account.userPrincipalName : undefined;
    if (kept !== undefined && !config.followRenames) {
      names.set(employee.id, kept);
      provisioned.push(employee);
      continue;
    }
    const local = renderLocalPart(config.loginSchema, employee.attributes, normalize);
    if (local !== undefined) {
      claims.push({ employeeId: employee.id, local, account });
    } else if (kept !== undefined) {
      names.set(employee.id, kept);
      warnings.add(
        employee.id,
        "userPrincipalName",
        "the login name schema gives nothing usable; kept as is",
      );
    } else {
      skipped.push({ employeeId: String(employee.id), reason: "invalid_login_name" });
      continue;
    }
    provisioned.push(employee);
  }

  const rehires = possibleRehires(employees, accounts, matches, today);
  for (const rehire of rehires) {
    warnings.add(
      rehire.employeeId,
      "employeeId",
      `possible rehire: employee ${rehire.employeeId} matches the disabled account of employee ${rehire.previousEmployeeId}`,
    );
  }

  for (const [id, assigned] of registry.assign(claims, config.loginSchema.domain)) {
    names.set(id, assigned.userPrincipalName);
    if (assigned.suffixed && assigned.userPrincipalName !== matches.get(id)?.userPrincipalName) {
      warnings.add(id, "userPrincipalName", "the login name is taken; the employee id is appended");
    }
  }

  const mapping = compileMapping(config.attributeMapping);
  const managerOf = createManagerResolver(
    config.attributeMapping["managerId"],
    new Set(provisioned.map((employee) => employee.id)),
    input.managerAccounts === undefined ? matches : new Map([...input.managerAccounts, ...matches]),
  );
  // Sorting employees by their numeric id is cheaper than sorting users by a string one.
  const users: DesiredUser[] = provisioned.sort(byId).map((employee) => {
    const warn = warnings.for(employee.id);
    const account = matches.get(employee.id);
    const accountEnabled = desiredEnabled(employee, account, joiners, today, warn);
    events.push(...upcomingEvents(employee, joiners, today, accountEnabled));
    const parts = {
      employee,
      userPrincipalName: names.get(employee.id) as string,
      account,
      accountEnabled,
      manager: managerOf(employee, warn),
    };
    return buildDesiredUser(parts, mapping, warn);
  });

  return {
    users,
    skipped: skipped.sort(byEmployeeId),
    warnings: warnings.sorted(),
    events: events.sort(byDateThenEmployee),
    rehires: rehires.map((r) => ({
      employeeId: String(r.employeeId),
      previousEmployeeId: r.previousEmployeeId,
    })),
  };
}

function byDateThenEmployee(a: LifecycleEvent, b: LifecycleEvent): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return Number(a.employeeId) - Number(b.employeeId);
}

/**
 * The reason an employee gets no user before the login name is looked at. Someone who left before ever
 * having an account is reported as such even if data is missing too: nothing needs fixing for them.
 */
function skipBeforeLogin(
  employee: Employee,
  account: ExistingAccount | undefined,
  today: CalendarDate,
): SkippedEmployee | undefined {
  const employeeId = String(employee.id);
  // A safe integer has at most 16 digits, Azure AD's employeeId limit; anything else cannot be an identity.
  if (!Number.isSafeInteger(employee.id) || employee.id < 1 || employeeId.length > EMPLOYEE_ID_MAX_LENGTH) {
    return { employeeId, reason: "missing_required_attribute", attribute: "id" };
  }
  // On-premises AD masters a hybrid account: Graph refuses changes to it, and a new account would be a duplicate.
  if (account?.onPremisesSyncEnabled === true) return { employeeId, reason: "hybrid_account" };
  if (account === undefined && hasLeft(employee.terminationDate, today)) {
    return { employeeId, reason: "terminated_before_provisioning" };
  }
  for (const { attribute, read } of REQUIRED) {
    // A name of nothing but control characters is as missing as an empty one: displayName is required.
    if (stripUnsafe(read(employee) ?? "").text.trim() === "")
      return { employeeId, reason: "missing_required_attribute", attribute };
  }
  return undefined;
}
