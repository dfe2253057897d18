import type { GraphConfig } from "../config/types";
import type { Employee } from "../personio/employee";
import type { DesiredUser } from "../render";
import type { ExtensionAttributes, TenantUser } from "./types";

/** What the Graph step does to one account: revoke its sessions, issue a Temporary Access Pass, write attributes. */
export type GraphAction =
  | { readonly kind: "revokeSessions"; readonly employeeId: string; readonly objectId: string }
  | {
      readonly kind: "accessPass";
      readonly employeeId: string;
      readonly objectId: string;
      /** ISO UTC: the hire date at `validFrom` in the company time zone, or now when that has passed. */
      readonly startDateTime: string;
      readonly lifetimeInMinutes: number;
      readonly isUsableOnce: boolean;
      /** Where the pass is mailed: the manager's UPN, else the configured fallback. Never logged. */
      readonly recipient: string;
      readonly recipientIs: "manager" | "fallback";
    }
  | {
      readonly kind: "extensionAttributes";
      readonly employeeId: string;
      readonly objectId: string;
      /** Only the changed keys; null clears one. */
      readonly changes: ExtensionAttributes;
    };

/** Why an account was left alone by a planner; ids only. */
export type GraphWarningCode =
  "synced_account" | "ambiguous_account" | "no_hire_date" | "access_pass_methods_unknown";

/** An account a planner would have acted on, and why it did not. */
export interface GraphWarning {
  readonly employeeId: string;
  readonly code: GraphWarningCode;
}

/** What a planner derives: the actions, by numeric employee id, and the accounts skipped. */
export interface GraphPlan {
  readonly actions: GraphAction[];
  readonly warnings: GraphWarning[];
}

/** Everything the planners read; pure, with time a parameter. */
export interface GraphPlanInput {
  /** Every listed employee (hire and termination dates, supervisor). */
  readonly employees: readonly Employee[];
  /** The rendered users (`RenderResult.users`): who is managed, who is disabled, the extension attributes. */
  readonly users: readonly DesiredUser[];
  /** The tenant as listed after `up`. */
  readonly tenant: readonly TenantUser[];
  readonly config: GraphConfig;
  readonly now: Date;
  /** The company time zone (stack config `timezone`). */
  readonly timeZone: string;
}
