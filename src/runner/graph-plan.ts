import type { ExistingAccount, LoadedConfig } from "../config";
import {
  accessPassCandidates,
  type GraphAction,
  type GraphApi,
  type GraphFailure,
  type GraphPlanInput,
  type GraphRequest,
  type GraphWarning,
  planGraph,
  type TenantUser,
} from "../graph";
import { desiredDirectory } from "../pipeline";
import type { Snapshot } from "../snapshot/schema";

export { graphConfigured } from "../graph/configured";

/** The Graph actions one cycle would take, from the tenant as it is now and the cycle's listing. */
export interface GraphActionPlan {
  readonly tenant: readonly TenantUser[];
  /** Revokes, then extension attributes, then access passes; each by numeric employee id. */
  readonly actions: readonly GraphAction[];
  readonly warnings: readonly GraphWarning[];
  /** Reads that failed while planning (a candidate's pass methods), so the status can name the permission. */
  readonly failures: readonly GraphFailure[];
}

/** What {@link planGraphActions} reads. */
export interface GraphPlanSource {
  readonly api: GraphApi;
  readonly config: LoadedConfig;
  readonly snapshot: Snapshot;
  readonly now: Date;
  readonly signal?: AbortSignal;
  /**
   * Read each candidate's Temporary Access Pass methods (needs `UserAuthenticationMethod.ReadWrite.All`); when
   * false — a preview's read-only identity — every candidate counts as one pass to issue.
   */
  readonly readPassMethods: boolean;
}

/**
 * One tenant read, then the planners: renders the listing exactly as the program does (same snapshot, same
 * day), so the actions follow from what `up` declared and what the tenant shows now — never from memory.
 */
export async function planGraphActions(source: GraphPlanSource): Promise<GraphActionPlan> {
  const { api, config, snapshot, now, signal } = source;
  const tenant = await api.listUsers(signal);
  const directory = await desiredDirectory({
    config,
    today: snapshot.today,
    listing: { employees: snapshot.employees, skipped: snapshot.skipped ?? [] },
    existingAccounts: async () => tenant.map(existingAccount),
  });
  const input: GraphPlanInput = {
    employees: directory.employees,
    users: directory.result.users,
    tenant,
    config: config.graph,
    now,
    timeZone: config.timezone,
  };
  const failures: GraphFailure[] = [];
  const methods = source.readPassMethods
    ? await passMethods(source, accessPassCandidates(input), tenant, failures)
    : undefined;
  return { tenant, ...planGraph(input, methods), failures };
}

/** Object id → how many passes it has; a candidate whose methods could not be read is left out (skipped). */
async function passMethods(
  source: GraphPlanSource,
  candidates: readonly string[],
  tenant: readonly TenantUser[],
  failures: GraphFailure[],
): Promise<Map<string, number>> {
  if (candidates.length === 0 || source.config.graph.temporaryAccessPass === undefined) return new Map();
  const requests: GraphRequest[] = candidates.map((id) => ({
    id: `methods-${id}`,
    method: "GET",
    url: `/users/${encodeURIComponent(id)}/authentication/temporaryAccessPassMethods`,
  }));
  const responses = await source.api.batch(requests, source.signal);
  const methods = new Map<string, number>();
  const employeeOf = new Map(tenant.map((user) => [user.id, user.employeeId ?? "?"]));
  for (const response of responses) {
    const objectId = response.id.slice("methods-".length);
    const value = (response.body as { value?: unknown } | undefined)?.value;
    if (response.status === 200 && Array.isArray(value)) methods.set(objectId, value.length);
    else
      failures.push({
        employeeId: employeeOf.get(objectId) ?? "?",
        call: "readAccessPasses",
        status: response.status,
      });
  }
  return methods;
}

function existingAccount(user: TenantUser): ExistingAccount {
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    mail: user.mail ?? null,
    employeeId: user.employeeId,
    accountEnabled: user.accountEnabled,
  };
}
