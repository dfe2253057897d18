import { isExtensionAttribute } from "../entra/extension-attributes";
import type { DesiredUser } from "../render";
import type { NextEvent } from "../render/next-events";
import type { Plan, PlanUser } from "./plan";
import type { TextColumn } from "./text-table";

/**
 * Mapped inputs shown as table columns; the rest, and the extension attributes (not inputs), are in the JSON plan.
 * `managerId` is the Manager column (a user carries the manager's employee or object id, never `managerId`).
 */
const MAX_MAPPED_COLUMNS = 3;
const MAX_CELL = 32;
/** Wider than other cells: a user's groups are what a reader of the plan looks for. */
const MAX_GROUPS_CELL = 48;
const NOT_MAPPED_COLUMNS = new Set([
  "employeeId",
  "userPrincipalName",
  "displayName",
  "givenName",
  "surname",
  "mailNickname",
  "accountEnabled",
  "adoptedObjectId",
  "managerId",
  "managerEmployeeId",
  "managerObjectId",
  "groups",
  "shard",
]);

/**
 * The users table's columns. Fitted to a width (`wide` false), the columns a reader needs least are left out
 * first — the manager, the mapped inputs (last first), the display name, the groups, the next event — and an
 * adopted account shows as `adopt`, its object id being in `--wide` and the JSON plan.
 */
export function userColumns(plan: Plan, mappedInputs: readonly string[], wide: boolean): TextColumn[] {
  const mapped = mappedInputs
    .filter((input) => !NOT_MAPPED_COLUMNS.has(input) && !isExtensionAttribute(input))
    .slice(0, MAX_MAPPED_COLUMNS);
  const next = new Map(plan.nextEvents.map((event) => [event.employeeId, event]));
  const users = plan.users;
  const column = (head: string, cell: (user: PlanUser) => string, fit: Partial<TextColumn> = {}) => ({
    head,
    cells: users.map(cell),
    ...fit,
  });
  return [
    column("ID", (user) => user.employeeId),
    column("User principal name", (user) => user.userPrincipalName, { min: 30 }),
    column("Display name", (user) => text(user.displayName), { min: 14, max: MAX_CELL, drop: 3 }),
    column("Enabled", (user) => (user.accountEnabled ? "yes" : "NO")),
    column("Account", (user) => account(user, wide)),
    ...mapped.map((input, i) =>
      column(input, (user) => text(user[input]), { min: 12, max: MAX_CELL, drop: 5 + i }),
    ),
    column("Manager", (user) => user.managerEmployeeId ?? user.managerObjectId ?? "", { drop: 8 }),
    ...(plan.groups === undefined
      ? []
      : [
          column("Groups", (user) => (user.groups ?? []).join(", "), {
            min: 20,
            max: MAX_GROUPS_CELL,
            drop: 2,
          }),
        ]),
    column("Next event", (user) => eventCell(next.get(user.employeeId)), { drop: 1 }),
  ];
}

/** `create 2026-12-31`, or nothing. */
export function eventCell(event: NextEvent | undefined): string {
  return event === undefined ? "" : `${event.event} ${event.date}`;
}

function account(user: PlanUser, wide: boolean): string {
  if (user.adoptedObjectId === undefined) return "new";
  return wide ? `adopt ${user.adoptedObjectId}` : "adopt";
}

function text(value: DesiredUser[string]): string {
  if (value === undefined || (typeof value === "object" && !Array.isArray(value))) return "";
  return Array.isArray(value) ? value.join(", ") : String(value);
}
