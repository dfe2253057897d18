import type { GraphConfig } from "../../src/config/types";
import type { GraphAction, GraphPlanInput } from "../../src/graph";
import type { TenantUser } from "../../src/graph/types";
import type { Employee } from "../../src/personio/employee";
import type { DesiredUser } from "../../src/render";
import { employee as renderEmployee, type EmployeeFields } from "../render/fixtures";

/** A synthetic employee with an optional supervisor. */
export function employee(id: number, fields: EmployeeFields & { supervisorId?: number } = {}): Employee {
  return { ...renderEmployee(id, fields), supervisorId: fields.supervisorId ?? null };
}

/** A desired user for an employee id. */
export function desired(id: number, fields: Partial<DesiredUser> = {}): DesiredUser {
  return {
    employeeId: String(id),
    userPrincipalName: `user${id}@contoso.com`,
    displayName: `User ${id}`,
    givenName: "User",
    surname: String(id),
    accountEnabled: true,
    ...fields,
  };
}

/** A cloud-only tenant account `obj-<id>` of employee `<id>`, enabled, sessions never revoked. */
export function tenantUser(id: number | null, fields: Partial<TenantUser> = {}): TenantUser {
  return {
    id: `obj-${id ?? "x"}`,
    employeeId: id === null ? null : String(id),
    userPrincipalName: `user${id ?? "x"}@contoso.com`,
    accountEnabled: true,
    signInSessionsValidFromDateTime: null,
    onPremisesSyncEnabled: null,
    onPremisesExtensionAttributes: null,
    ...fields,
  };
}

export const TAP_CONFIG: GraphConfig = {
  revokeSessions: false,
  temporaryAccessPass: {
    sender: "it@contoso.com",
    fallbackRecipient: "hr@contoso.com",
    validFrom: "07:00",
    lifetimeMinutes: 600,
    usableOnce: false,
    daysBeforeHire: 1,
  },
};

/** A planner input in Berlin. */
export function input(fields: Partial<GraphPlanInput> & Pick<GraphPlanInput, "now">): GraphPlanInput {
  return {
    employees: [],
    users: [],
    tenant: [],
    config: { revokeSessions: true },
    timeZone: "Europe/Berlin",
    ...fields,
  };
}

/** The tenant as it shows once the actions are done (revokes at `at`, attributes written). */
export function applied(
  tenant: readonly TenantUser[],
  actions: readonly GraphAction[],
  at: Date,
): TenantUser[] {
  return tenant.map((user) => {
    let next = user;
    for (const action of actions.filter((a) => a.objectId === user.id)) {
      if (action.kind === "revokeSessions")
        next = { ...next, signInSessionsValidFromDateTime: at.toISOString() };
      if (action.kind === "extensionAttributes") {
        next = {
          ...next,
          onPremisesExtensionAttributes: { ...next.onPremisesExtensionAttributes, ...action.changes },
        };
      }
    }
    return next;
  });
}
