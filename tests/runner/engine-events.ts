import { DIRECTORY_TYPE, employeeLogicalName, STACK_TYPE, USER_TYPE as USER } from "../../src/contract";

/** Builds engine events as the Pulumi CLI writes them to --event-log, for the stub CLI to replay. */

const PREFIX = "urn:pulumi:prod::personio-azuread::";
const STACK_URN = `${PREFIX}${STACK_TYPE}::personio-azuread-prod`;
const DIRECTORY_URN = `${PREFIX}${STACK_TYPE}$${DIRECTORY_TYPE}::personio`;

export function userUrn(employeeId: string): string {
  return `${PREFIX}${STACK_TYPE}$${DIRECTORY_TYPE}$${USER}::${employeeLogicalName(employeeId)}`;
}

interface UserStep {
  readonly employeeId: string;
  readonly op: string;
  readonly old?: Record<string, unknown>;
  readonly new?: Record<string, unknown>;
  readonly diffs?: string[];
}

function pre(urn: string, type: string, op: string, extra: Record<string, unknown> = {}) {
  return { resourcePreEvent: { metadata: { op, urn, type, provider: "", ...extra } } };
}

/** A preview (or update) of the program: stack, component, the given user steps, the stack outputs and a summary. */
export function programEvents(
  users: readonly UserStep[],
  counts: Record<string, number>,
): Record<string, unknown>[] {
  const changes: Record<string, number> = {};
  for (const u of users) changes[u.op] = (changes[u.op] ?? 0) + 1;
  return [
    { preludeEvent: { config: {} } },
    pre(STACK_URN, STACK_TYPE, "same"),
    pre(DIRECTORY_URN, DIRECTORY_TYPE, "same"),
    ...users.map((u) =>
      pre(userUrn(u.employeeId), USER, u.op, {
        ...(u.old === undefined ? {} : { old: { inputs: u.old, outputs: u.old } }),
        ...(u.new === undefined ? {} : { new: { inputs: u.new, outputs: u.new } }),
        ...(u.diffs === undefined ? {} : { diffs: u.diffs }),
      }),
    ),
    {
      resOutputsEvent: {
        metadata: {
          op: "same",
          urn: STACK_URN,
          type: STACK_TYPE,
          provider: "",
          new: { outputs: { counts, skipped: [] } },
        },
      },
    },
    {
      summaryEvent: {
        maybeCorrupt: false,
        durationSeconds: 1,
        resourceChanges: { same: 2, ...changes },
        policyPacks: {},
      },
    },
  ];
}

/** A user's inputs, as the program declares them. */
export function userInputs(employeeId: string, upn: string, extra: Record<string, unknown> = {}) {
  return {
    employeeId,
    userPrincipalName: upn,
    displayName: upn.split("@")[0],
    accountEnabled: true,
    ...extra,
  };
}
