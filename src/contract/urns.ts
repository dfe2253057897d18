import { employeeLogicalName, groupLogicalName, membershipLogicalName } from "./logical-names";
import { DIRECTORY_TYPE, GROUP_MEMBER_TYPE, GROUP_TYPE, GROUPS_TYPE, STACK_TYPE, USER_TYPE } from "./tokens";

/*
 * The URNs the engine gives the program's resources, for `--target`. A URN is
 * `urn:pulumi:<stack>::<project>::<parent types $ type>::<logical name>`; the root stack's own type is left out of
 * its children's (as `createUrn` in @pulumi/pulumi does), so a user is `…::<Directory>$<User>::employee-812`.
 */

/** Where the URNs live: the stack's short name (`prod`, also for `acme/personio-azuread/prod`) and the project. */
export interface UrnScope {
  readonly stack: string;
  readonly project: string;
}

function shortName(stack: string): string {
  return stack.split("/").pop() ?? stack;
}

function prefix({ stack, project }: UrnScope): string {
  return `urn:pulumi:${shortName(stack)}::${project}::`;
}

/** The root stack resource, whose outputs are the contract's stack outputs. */
export function stackUrn(scope: UrnScope): string {
  return `${prefix(scope)}${STACK_TYPE}::${scope.project}-${shortName(scope.stack)}`;
}

/** An employee's account, a child of the `Directory` component. */
export function userUrn(scope: UrnScope, employeeId: string): string {
  return `${prefix(scope)}${DIRECTORY_TYPE}$${USER_TYPE}::${employeeLogicalName(employeeId)}`;
}

/** One membership of an employee in an existing group (exact: `pulumi state move` takes no patterns). */
export function membershipUrn(scope: UrnScope, employeeId: string, groupObjectId: string): string {
  return `${prefix(scope)}${GROUPS_TYPE}$${GROUP_MEMBER_TYPE}::${membershipLogicalName(employeeId, groupObjectId)}`;
}

/** A group the stack creates, a child of the `Groups` component. */
export function groupUrn(scope: UrnScope, displayName: string): string {
  return `${prefix(scope)}${GROUPS_TYPE}$${GROUP_TYPE}::${groupLogicalName(displayName)}`;
}

/**
 * Every membership of an employee in an existing group, as an engine target glob (`*` matches no `:`): the
 * group's object id is part of the name and only the program knows it.
 * @example membershipUrnPattern(scope, "812") ends with "::member-812-*"
 */
export function membershipUrnPattern(scope: UrnScope, employeeId: string): string {
  return `${prefix(scope)}${GROUPS_TYPE}$${GROUP_MEMBER_TYPE}::${membershipLogicalName(employeeId, "*")}`;
}

/**
 * The `--target` list of a cycle limited to some employees: the root stack (so that its outputs — the counts the
 * guards read, the UPNs write-back reads — follow the program) and, per employee, the account and its
 * memberships in existing groups. A group this stack creates holds all its members in one resource; targeting it
 * would apply every member's pending change, so it is left to the next full cycle.
 */
export function employeeTargets(scope: UrnScope, employeeIds: Iterable<string>): string[] {
  const targets = [stackUrn(scope)];
  for (const id of employeeIds) targets.push(userUrn(scope, id), membershipUrnPattern(scope, id));
  return targets;
}
