/** Builds engine events as the Pulumi CLI writes them to --event-log, for the stub CLI to replay. */

const STACK_URN = "urn:pulumi:prod::personio-azuread::pulumi:pulumi:Stack::personio-azuread-prod";
const DIRECTORY_URN =
  "urn:pulumi:prod::personio-azuread::pulumi:pulumi:Stack$personio-azuread:index:Directory::personio";
const USER = "azuread:index/user:User";

export function userUrn(employeeId: string): string {
  return `urn:pulumi:prod::personio-azuread::pulumi:pulumi:Stack$personio-azuread:index:Directory$${USER}::employee-${employeeId}`;
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
    pre(STACK_URN, "pulumi:pulumi:Stack", "same"),
    pre(DIRECTORY_URN, "personio-azuread:index:Directory", "same"),
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
          type: "pulumi:pulumi:Stack",
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
