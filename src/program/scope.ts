import * as pulumi from "@pulumi/pulumi";
import type { ExistingAccount } from "../config";
import type { OutOfScopeOutput } from "../contract";
import type { OutOfScope } from "../pipeline";
import { type KeptAccount, keptAccounts } from "./kept-user";

/** The managed accounts of employees out of scope: kept as they are, or (allowed) released from the stack. */
export interface ScopeAccounts {
  readonly kept: readonly KeptAccount[];
  readonly output: OutOfScopeOutput;
}

/**
 * What becomes of the accounts of the shard's employees out of scope. An account carrying the employee id (the
 * match by which the stack adopts, so every account it manages is found) is kept: declared with every input
 * ignored, so that a scope edit never disables or changes it. With `release` (`--allow-scope-release`) it is not
 * declared: the engine removes it from the stack and `retainOnDelete` leaves it in Entra ID. Each is logged by
 * employee id. An employee out of scope without an account gets nothing.
 * @example employee 7 excluded, an account carrying "7" → kept, warning "employee 7: out of scope (excluded by
 *   department); managed account left as it is"
 */
export function scopeAccounts(
  outOfScope: readonly OutOfScope[],
  tenant: readonly ExistingAccount[],
  release: boolean,
): ScopeAccounts {
  const why = new Map(outOfScope.map((o) => [o.employeeId, reasonText(o)]));
  const accounts = keptAccounts([...why.keys()], tenant);
  for (const { employeeId } of accounts) {
    const what = release
      ? "managed account released from the stack (--allow-scope-release); the account stays in Entra ID"
      : "managed account left as it is (release it with --allow-scope-release)";
    pulumi.log.warn(`employee ${employeeId}: out of scope (${why.get(employeeId) as string}); ${what}`);
  }
  const ids = accounts.map((a) => a.employeeId);
  return {
    kept: release ? [] : accounts,
    output: { employees: outOfScope.length, kept: release ? [] : ids, released: release ? ids : [] },
  };
}

function reasonText(o: OutOfScope): string {
  return o.reason === "excluded" ? `excluded by ${o.attribute}` : `not included by ${o.attribute}`;
}
