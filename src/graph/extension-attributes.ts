import type { GraphAction, GraphPlan, GraphPlanInput, GraphWarning } from "./actions";
import { isSynced, managedAccounts } from "./managed-accounts";

/**
 * One PATCH per managed cloud-only account whose extension attributes differ from the rendered ones, carrying
 * only the changed keys: a mapped attribute empty for the employee is null (clears it); an attribute not mapped
 * is never touched. Graph's null and "" are the same: empty. Synced accounts are skipped with `synced_account`.
 * @example desired { extensionAttribute3: "A", extensionAttribute4: null }, tenant { extensionAttribute4: "x" }
 *          → changes { extensionAttribute3: "A", extensionAttribute4: null }
 */
export function planExtensionAttributes(input: GraphPlanInput): GraphPlan {
  const warnings: GraphWarning[] = [];
  const actions: GraphAction[] = [];
  for (const { user, account } of managedAccounts(input, warnings)) {
    const desired = user.extensionAttributes;
    if (desired === undefined) continue;
    const current = account.onPremisesExtensionAttributes ?? {};
    const changes: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(desired)) {
      if (emptyAsNull(current[key]) !== emptyAsNull(value)) changes[key] = emptyAsNull(value);
    }
    if (Object.keys(changes).length === 0) continue;
    if (isSynced(account)) {
      warnings.push({ employeeId: user.employeeId, code: "synced_account" });
      continue;
    }
    actions.push({ kind: "extensionAttributes", employeeId: user.employeeId, objectId: account.id, changes });
  }
  return { actions, warnings };
}

function emptyAsNull(value: string | null | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}
