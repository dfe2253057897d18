import { addDays, calendarDateIn, instantIn, isAccountEnabled } from "../render";
import type { GraphAction, GraphPlan, GraphPlanInput, GraphWarning } from "./actions";
import { accountsByEmployeeId, isSynced, type ManagedAccount, managedAccounts } from "./managed-accounts";

/**
 * The object ids whose Temporary Access Pass methods the runner reads before {@link planAccessPasses}: hires
 * with an account, from `daysBeforeHire` days before the hire date to the hire date itself (company time zone).
 */
export function accessPassCandidates(input: GraphPlanInput): string[] {
  return candidates(input, []).map(({ account }) => account.id);
}

/**
 * One Temporary Access Pass for each candidate (see {@link accessPassCandidates}) that has none yet
 * (`methods`: object id → existing passes; a candidate missing from it is skipped, `access_pass_methods_unknown`).
 * It starts at the hire date's `validFrom` in the company time zone (now, when that has passed) and goes to
 * the manager's account, else to `fallbackRecipient`. A hire (status onboarding) without a hire date is
 * skipped, `no_hire_date`.
 * @example hire 2026-12-01, Berlin, 07:00, now 2026-11-30 → startDateTime "2026-12-01T06:00:00Z"
 */
export function planAccessPasses(input: GraphPlanInput, methods: ReadonlyMap<string, number>): GraphPlan {
  const warnings: GraphWarning[] = [];
  const pass = input.config.temporaryAccessPass;
  if (pass === undefined) return { actions: [], warnings };
  const recipientOf = managerRecipient(input);
  const actions: GraphAction[] = [];
  for (const { user, employee, account } of candidates(input, warnings)) {
    const existing = methods.get(account.id);
    if (existing === undefined)
      warnings.push({ employeeId: user.employeeId, code: "access_pass_methods_unknown" });
    if (existing !== 0) continue;
    const start = instantIn(employee?.hireDate as string, pass.validFrom, input.timeZone).getTime();
    const manager = recipientOf(employee?.supervisorId ?? null, user.employeeId);
    actions.push({
      kind: "accessPass",
      employeeId: user.employeeId,
      objectId: account.id,
      startDateTime: isoSeconds(Math.max(start, input.now.getTime())),
      lifetimeInMinutes: pass.lifetimeMinutes,
      isUsableOnce: pass.usableOnce,
      recipient: manager ?? pass.fallbackRecipient,
      recipientIs: manager === undefined ? "fallback" : "manager",
    });
  }
  return { actions, warnings };
}

function candidates(input: GraphPlanInput, warnings: GraphWarning[]): ManagedAccount[] {
  const pass = input.config.temporaryAccessPass;
  if (pass === undefined) return [];
  const today = calendarDateIn(input.now, input.timeZone);
  return managedAccounts(input, warnings).filter(({ user, employee, account }) => {
    if (employee === undefined || !isAccountEnabled(employee.terminationDate, today)) return false;
    const hire = employee.hireDate;
    if (hire === null) {
      // Only Personio's status says who is a hire then; everyone else without a date is not one.
      if (employee.status === "onboarding")
        warnings.push({ employeeId: user.employeeId, code: "no_hire_date" });
      return false;
    }
    if (today < addDays(hire, -pass.daysBeforeHire) || today > hire) return false;
    if (isSynced(account)) warnings.push({ employeeId: user.employeeId, code: "synced_account" });
    return !isSynced(account);
  });
}

/**
 * The manager's login, when the hire's Personio supervisor has exactly one account in the tenant, it is not
 * disabled, and the supervisor (if rendered) is not a leaver; undefined otherwise.
 */
function managerRecipient(
  input: GraphPlanInput,
): (supervisorId: number | null, employeeId: string) => string | undefined {
  const accounts = accountsByEmployeeId(input.tenant);
  const desired = new Map(input.users.map((user) => [user.employeeId, user]));
  return (supervisorId, employeeId) => {
    if (supervisorId === null || String(supervisorId) === employeeId) return undefined;
    const id = String(supervisorId);
    const [account, ...others] = accounts.get(id) ?? [];
    if (account === undefined || others.length > 0 || account.accountEnabled === false) return undefined;
    return desired.get(id)?.accountEnabled === false ? undefined : account.userPrincipalName;
  };
}

function isoSeconds(epoch: number): string {
  return new Date(Math.floor(epoch / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");
}
