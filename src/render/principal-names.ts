import type { ExistingAccount } from "../config/types";
import { fitLocalPart } from "./login-name";

/** An employee's wish for the login name the schema gives them. */
export interface NameClaim {
  readonly employeeId: number;
  /** The full normalised local part from the schema, not yet cut to length. */
  readonly local: string;
  /** The employee's existing account: its current UPN is theirs, not a collision. */
  readonly account: ExistingAccount | undefined;
}

/** The login name given to a claim; `suffixed` when the plain one was taken. */
export interface AssignedName {
  readonly userPrincipalName: string;
  readonly suffixed: boolean;
}

/**
 * Who holds which user principal name (case-insensitively) in the plan: every existing account holds its own
 * for the whole plan — even when its employee moves to a new one, since Pulumi orders no rename before a
 * create — and each assigned name is held by its employee.
 */
export class PrincipalNameRegistry {
  private readonly holders = new Map<string, string>();

  /** Registers the accounts' names; `accounts` in object-id order decide who holds a name listed twice. */
  constructor(accounts: readonly ExistingAccount[]) {
    for (const account of accounts) {
      const key = account.userPrincipalName.toLowerCase();
      if (!this.holders.has(key)) this.holders.set(key, accountHolder(account));
    }
  }

  /** Whether the account holds its own name (false only when a tenant export lists a name twice). */
  holdsOwnName(account: ExistingAccount): boolean {
    return this.holders.get(account.userPrincipalName.toLowerCase()) === accountHolder(account);
  }

  /**
   * Gives every claim a unique name. Claims come in priority order (earliest created first): every plain name
   * is settled before any suffixed one, so a plain name always goes to its earliest claimant, and the others
   * get `<local>_<employeeId>` (then `_<employeeId>_2`, ... in the unlikely case that is taken too).
   * @example three claims of "thomas.schmidt" by 7, 3, 5 in that order → thomas.schmidt, thomas.schmidt_3, thomas.schmidt_5
   */
  assign(claims: readonly NameClaim[], domain: string): Map<number, AssignedName> {
    const at = `@${domain.toLowerCase()}`;
    const assigned = new Map<number, AssignedName>();
    const taken: NameClaim[] = [];
    for (const claim of claims) {
      const name = this.take(claim, `${fitLocalPart(claim.local)}${at}`);
      if (name === undefined) taken.push(claim);
      else assigned.set(claim.employeeId, { userPrincipalName: name, suffixed: false });
    }
    for (const claim of taken) {
      for (let attempt = 1; ; attempt += 1) {
        const suffix = attempt === 1 ? `_${claim.employeeId}` : `_${claim.employeeId}_${attempt}`;
        const name = this.take(claim, `${fitLocalPart(claim.local, suffix)}${at}`);
        if (name !== undefined) {
          assigned.set(claim.employeeId, { userPrincipalName: name, suffixed: true });
          break;
        }
      }
    }
    return assigned;
  }

  private take(claim: NameClaim, candidate: string): string | undefined {
    const key = candidate.toLowerCase();
    const holder = this.holders.get(key);
    const claimant =
      claim.account === undefined ? `employee:${claim.employeeId}` : accountHolder(claim.account);
    if (holder === undefined) {
      this.holders.set(key, claimant);
      return candidate;
    }
    // The claimant's own account: keep its spelling, a case-only rename would be an update for nothing.
    return holder === claimant ? claim.account?.userPrincipalName : undefined;
  }
}

function accountHolder(account: ExistingAccount): string {
  return `account:${account.id}`;
}
