/*
 * The logical names the program gives its resources and the runner parses back from URNs, as builder/parser
 * pairs: `parse(build(x))` returns `x` (tests/contract/logical-names.test.ts). Logical names are part of
 * resource identity: they derive only from what cannot change (the Personio id, an object id, a group's name).
 */

const EMPLOYEE_PREFIX = "employee-";
const MEMBER_PREFIX = "member-";
const GROUP_PREFIX = "group-";

/** The logical name of an employee's account: from the Personio id only, so renames update in place. */
export function employeeLogicalName(employeeId: string): string {
  return `${EMPLOYEE_PREFIX}${employeeId}`;
}

/** The Personio id in an account's logical name; undefined when the name is not one. */
export function parseEmployeeLogicalName(name: string): string | undefined {
  return name.startsWith(EMPLOYEE_PREFIX) && name.length > EMPLOYEE_PREFIX.length
    ? name.slice(EMPLOYEE_PREFIX.length)
    : undefined;
}

/**
 * The logical name of a group this stack creates: from its display name, lower-cased as Entra compares names,
 * so that a change of case renames the group in place.
 * @example groupLogicalName("dept-Sales") === "group-dept-sales"
 */
export function groupLogicalName(displayName: string): string {
  return `${GROUP_PREFIX}${displayName.toLowerCase()}`;
}

/** The lower-cased display name in a group's logical name; undefined when the name is not one. */
export function parseGroupLogicalName(name: string): string | undefined {
  return name.startsWith(GROUP_PREFIX) && name.length > GROUP_PREFIX.length
    ? name.slice(GROUP_PREFIX.length)
    : undefined;
}

/**
 * The logical name of a membership in an existing group: the Personio id and the group's object id, the two
 * things that identify it (never a name that can change).
 * @example membershipLogicalName("7", "0f…") === "member-7-0f…"
 */
export function membershipLogicalName(employeeId: string, groupObjectId: string): string {
  return `${MEMBER_PREFIX}${employeeId}-${groupObjectId}`;
}

/** The Personio id (digits) and group object id in a membership's logical name; undefined when not one. */
export function parseMembershipLogicalName(
  name: string,
): { readonly employeeId: string; readonly groupObjectId: string } | undefined {
  if (!name.startsWith(MEMBER_PREFIX)) return undefined;
  const match = /^(\d+)-(.+)$/.exec(name.slice(MEMBER_PREFIX.length));
  return match === null ? undefined : { employeeId: match[1] as string, groupObjectId: match[2] as string };
}

/** A URN's logical name: its last `::` part. */
export function logicalNameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}
