import * as pulumi from "@pulumi/pulumi";
import { nextEvents } from "../render/next-events";
import type { RenderResult } from "../render";
import { type StackOutputs, UNREADABLE_RECORD } from "../contract";
import type { SkippedRecord } from "../personio";
import { principalNamesOutput } from "../contract/principal-names";
import type { LeanUser } from "./lean-user";
import type { GroupCounts, Groups } from "./groups";

/**
 * The stack outputs as the program returns them: the contract's {@link StackOutputs}, each value possibly an
 * Output (`initialPasswords` is a secret; `principalNames` is read from each account's state).
 */
export type ProgramOutputs = {
  readonly [K in keyof StackOutputs]: K extends FromState
    ? pulumi.Output<NonNullable<StackOutputs[K]>>
    : StackOutputs[K];
};
type FromState = "initialPasswords" | "principalNames";

const NO_GROUPS: GroupCounts = { groups: 0, created: 0, existing: 0, memberships: 0 };

/**
 * Builds the stack outputs from the render result, the declared accounts and groups (when rules exist); records
 * skipped as unreadable are listed among `skipped` with reason {@link UNREADABLE_RECORD} and their field. With
 * `accessPass` (a Temporary Access Pass is the day-one credential) there is no `initialPasswords` output: the
 * passwords are random and never shown.
 */
export function stackOutputs(
  result: RenderResult,
  employees: number,
  accounts: ReadonlyMap<string, LeanUser>,
  groups?: Groups,
  unreadable: readonly SkippedRecord[] = [],
  accessPass = false,
): ProgramOutputs {
  const skipped = [
    ...result.skipped,
    ...unreadable.map((r) => ({
      employeeId: String(r.employeeId),
      reason: UNREADABLE_RECORD,
      attribute: r.field,
    })),
  ];
  const enabled = result.users.filter((u) => u.accountEnabled).length;
  const adopted = result.users.filter((u) => u.adoptedObjectId !== undefined).length;
  return {
    counts: {
      employees,
      managed: result.users.length,
      enabled,
      disabled: result.users.length - enabled,
      adopted,
      created: result.users.length - adopted,
      skipped: skipped.length,
    },
    skipped,
    ...(accessPass ? {} : { initialPasswords: pulumi.secret(initialPasswords(accounts)) }),
    groups: groups?.counts ?? NO_GROUPS,
    existingGroups: groups?.existingNames ?? {},
    principalNames: principalNames(accounts),
    lifecycle: { nextEvents: nextEvents(result.events), rehires: result.rehires },
  };
}

/**
 * Employee id → initial password of every account this stack created, read from each account's state: an
 * adopted account never had a password set by this stack, so it has none and is left out.
 */
function initialPasswords(accounts: ReadonlyMap<string, LeanUser>): pulumi.Output<Record<string, string>> {
  const ids = [...accounts.keys()];
  return pulumi.all(ids.map((id) => (accounts.get(id) as LeanUser).password)).apply((passwords) => {
    const map: Record<string, string> = {};
    passwords.forEach((password, i) => {
      if (typeof password === "string" && password !== "") map[ids[i] as string] = password;
    });
    return map;
  });
}

/**
 * Employee id → UPN of every managed account, from the account's state: an adopted account keeps its own UPN
 * (`ignoreChanges`), so the rendered one would be wrong for it.
 */
function principalNames(accounts: ReadonlyMap<string, LeanUser>): pulumi.Output<Record<string, string>> {
  const ids = [...accounts.keys()];
  return pulumi
    .all(ids.map((id) => (accounts.get(id) as LeanUser).userPrincipalName))
    .apply((upns) => principalNamesOutput(new Map(ids.map((id, i) => [id, upns[i] as string]))));
}
