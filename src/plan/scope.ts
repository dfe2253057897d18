import type { ExistingAccount } from "../config";
import type { OutOfScope } from "../pipeline";
import type { Plan } from "./plan";

/**
 * The plan with the employees out of scope: listed with their reason, counted (`outOfScope`) and, of them, those
 * with an account in the tenant export (`outOfScopeManaged`). A stack without a scope gets its plan unchanged.
 * @example exclude { department: [Externals] }, employee 7 in Externals with an account →
 *   outOfScope [{ employeeId: "7", reason: "excluded", attribute: "department", managed: true }]
 */
export function withScope(
  plan: Plan,
  scoped: boolean,
  outOfScope: readonly OutOfScope[],
  accounts: readonly ExistingAccount[],
): Plan {
  if (!scoped) return plan;
  const held = new Set(accounts.flatMap((account) => account.employeeId ?? []));
  const listed = outOfScope
    .map((o) => ({ ...o, managed: held.has(o.employeeId) }))
    .sort((a, b) => Number(a.employeeId) - Number(b.employeeId));
  return {
    ...plan,
    outOfScope: listed,
    summary: {
      ...plan.summary,
      outOfScope: listed.length,
      outOfScopeManaged: listed.filter((o) => o.managed).length,
    },
  };
}
