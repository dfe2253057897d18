import { addDays, calendarDateIn, instantIn, isAccountEnabled } from "../render";
import type { GraphAction, GraphPlan, GraphPlanInput, GraphWarning } from "./actions";
import { isSynced, managedAccounts } from "./managed-accounts";

/**
 * Sessions to revoke (with `revokeSessions` on): every leaver whose account the tenant shows disabled and whose
 * sessions are valid from before the moment it was due to be disabled — 00:00 of the day after the termination
 * date, company time zone — or from no recorded time. A revoke moves `signInSessionsValidFromDateTime` to its
 * own time, so the next cycle plans nothing. Synced accounts are skipped with `synced_account`.
 * @example left 2026-09-30, Berlin, disabled, sessions valid from null → revoke (due 2026-09-30T22:00:00Z)
 */
export function planRevokes(input: GraphPlanInput): GraphPlan {
  const warnings: GraphWarning[] = [];
  if (!input.config.revokeSessions) return { actions: [], warnings };
  const today = calendarDateIn(input.now, input.timeZone);
  const actions: GraphAction[] = [];
  for (const { user, employee, account } of managedAccounts(input, warnings)) {
    const left = employee?.terminationDate ?? null;
    if (user.accountEnabled || left === null || isAccountEnabled(left, today)) continue;
    if (account.accountEnabled !== false) continue;
    const due = instantIn(addDays(left, 1), "00:00", input.timeZone).getTime();
    const validFrom = account.signInSessionsValidFromDateTime;
    if (validFrom !== null && !(Date.parse(validFrom) < due)) continue;
    if (isSynced(account)) {
      warnings.push({ employeeId: user.employeeId, code: "synced_account" });
      continue;
    }
    actions.push({ kind: "revokeSessions", employeeId: user.employeeId, objectId: account.id });
  }
  return { actions, warnings };
}
