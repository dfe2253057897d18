import type { LoadedConfig } from "../config";
// The planners' own modules, not the barrel: the barrel loads the Graph client and @azure/identity, which the
// offline plan (and npm start) would pay for at every start without using them.
import type { GraphPlanInput } from "../graph/actions";
import { planGraph } from "../graph/plan-all";
import { countGraphActions, formatGraphCounts, type GraphActionCounts } from "../graph/requests";
import type { TenantUser } from "../graph/types";
import type { Employee } from "../personio/employee";
import type { DesiredUser } from "../render";
import { GRAPH_EXPORT_FIELDS } from "./existing-accounts";

/** What {@link offlineGraphCounts} reads: the plan's directory and the tenant export standing in for the tenant. */
export interface OfflineGraphInput {
  readonly employees: readonly Employee[];
  readonly users: readonly DesiredUser[];
  readonly tenant: readonly TenantUser[];
  readonly config: LoadedConfig;
  readonly now: Date;
}

/**
 * The Graph actions that would follow `up`, counted with the runner's planners on a tenant export. A pass
 * candidate's existing passes cannot be known offline, so every candidate counts: `accessPasses` is a ceiling.
 */
export function offlineGraphCounts(input: OfflineGraphInput): GraphActionCounts {
  const planInput: GraphPlanInput = {
    employees: input.employees,
    users: input.users,
    tenant: input.tenant,
    config: input.config.graph,
    now: input.now,
    timeZone: input.config.timezone,
  };
  return countGraphActions(planGraph(planInput).actions);
}

/** The plan's line when the stack asks for Graph actions but they could not be counted offline. */
export function graphNotCountedLine(exported: boolean): string {
  const select = ["id", "userPrincipalName", "mail", "employeeId", "accountEnabled", ...GRAPH_EXPORT_FIELDS];
  const how = `GET /users?$select=${select.join(",")}`;
  return exported
    ? `Graph after up: not counted: some users of --existing-accounts lack ${GRAPH_EXPORT_FIELDS.join(", ")}; export them with ${how}.`
    : `Graph after up: not counted: the counts need a tenant export, --existing-accounts users.json from ${how}.`;
}

/** The plan's line of counted Graph actions; the passes are a ceiling offline. */
export function graphCountsLine(counts: GraphActionCounts): string {
  return `Graph after up: ${formatGraphCounts(counts, { accessPassesUpTo: true })}`;
}
