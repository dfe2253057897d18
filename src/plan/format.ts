import Table from "cli-table3";
import { isExtensionAttribute } from "../entra/extension-attributes";
import type { DesiredUser } from "../render";
import { NEXT_DAYS, type NextEvent } from "../render/next-events";
import { graphCountsLine } from "./graph-counts";
import type { Plan, PlanShard, PlanUser } from "./plan";

/** Mapped inputs shown as table columns; the rest, and the extension attributes (not inputs), are in the JSON plan. */
const MAX_MAPPED_COLUMNS = 3;
const MAX_CELL = 32;
const NOT_MAPPED_COLUMNS = new Set([
  "employeeId",
  "userPrincipalName",
  "displayName",
  "givenName",
  "surname",
  "mailNickname",
  "accountEnabled",
  "adoptedObjectId",
  "managerEmployeeId",
  "managerObjectId",
  "groups",
  "shard",
]);
/** Wider than other cells: a user's groups are what a reader of the plan looks for. */
const MAX_GROUPS_CELL = 48;

/**
 * The plan as a person reads it: users, skipped employees, warnings and a summary line. This is output a
 * human asked for, so it shows names; logs and errors elsewhere never do.
 */
export function formatPlan(plan: Plan, mappedInputs: readonly string[]): string {
  const columns = mappedInputs
    .filter((input) => !NOT_MAPPED_COLUMNS.has(input) && !isExtensionAttribute(input))
    .slice(0, MAX_MAPPED_COLUMNS);
  const sections = [`Plan for ${plan.today} (${plan.timezone})`, ""];
  const next = new Map(plan.nextEvents.map((event) => [event.employeeId, event]));
  sections.push(`Users (${plan.users.length})`);
  const users = table([
    "ID",
    "User principal name",
    "Display name",
    "Enabled",
    "Account",
    ...columns,
    "Manager",
    ...(plan.groups === undefined ? [] : ["Groups"]),
    "Next event",
  ]);
  for (const user of plan.users) {
    users.push([
      user.employeeId,
      user.userPrincipalName,
      cell(user.displayName),
      user.accountEnabled ? "yes" : "NO",
      user.adoptedObjectId === undefined ? "new" : `adopt ${user.adoptedObjectId}`,
      ...columns.map((input) => cell(user[input])),
      manager(user),
      ...(plan.groups === undefined ? [] : [groupsCell(user)]),
      eventCell(next.get(user.employeeId)),
    ]);
  }
  sections.push(users.toString(), "");
  if (plan.groups !== undefined) {
    sections.push(`Groups (${plan.groups.length})`);
    const groups = table(["Group", "Kind", "Members", "From Personio"]);
    for (const g of plan.groups) {
      groups.push([
        g.name,
        g.kind === "created" ? "new" : "existing",
        String(g.members),
        g.sources.join(", "),
      ]);
    }
    sections.push(groups.toString(), "");
  }
  if (plan.shards !== undefined) sections.push(...shardsSection(plan.shards), "");
  if (plan.groupWarnings !== undefined) {
    sections.push(`Group warnings (${plan.groupWarnings.length})`, ...plan.groupWarnings, "");
  }
  if (plan.skipped.length > 0) {
    sections.push(`Skipped (${plan.skipped.length})`);
    const skipped = table(["ID", "Reason", "Attribute", "Next event"]);
    for (const s of plan.skipped) {
      skipped.push([s.employeeId, s.reason, s.attribute ?? "", eventCell(next.get(s.employeeId))]);
    }
    sections.push(skipped.toString(), "");
  }
  if (plan.outOfScope !== undefined && plan.outOfScope.length > 0) {
    sections.push(`Out of scope (${plan.outOfScope.length})`);
    const rows = table(["ID", "Reason", "Attribute", "Account"]);
    for (const o of plan.outOfScope) {
      rows.push([o.employeeId, o.reason, o.attribute, o.managed ? "left as it is" : ""]);
    }
    sections.push(rows.toString(), "");
  }
  if (plan.warnings.length > 0) {
    sections.push(`Warnings (${plan.warnings.length})`);
    const warnings = table(["ID", "Property", "Warning"]);
    for (const w of plan.warnings) warnings.push([w.employeeId, w.property, w.message]);
    sections.push(warnings.toString(), "");
  }
  sections.push(...nextDaysSection(plan), "");
  sections.push(summaryLine(plan));
  if (plan.graph !== undefined) sections.push(graphCountsLine(plan.graph));
  return sections.join("\n");
}

/**
 * `61 employees → 55 users (52 enabled, 3 disabled, 2 adopted), 6 skipped, 1 warning[; 9 groups, 52 memberships]`
 * `[; 4 out of scope (1 with an account, left as it is)][; 12 write-backs to dynamic_40001]`
 */
export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const groups =
    s.groups === undefined
      ? ""
      : `; ${plural(s.groups, "group")}, ${plural(s.memberships ?? 0, "membership")}`;
  return (
    `Summary: ${plural(s.employees, "employee")} → ${plural(s.users, "user")} ` +
    `(${s.enabled} enabled, ${s.disabled} disabled, ${s.adopted} adopted), ` +
    `${s.skipped} skipped, ${plural(s.warnings, "warning")}${groups}` +
    (s.outOfScope === undefined
      ? ""
      : `; ${s.outOfScope} out of scope (${s.outOfScopeManaged ?? 0} with an account, left as it is)`) +
    (plan.writeBack === undefined
      ? ""
      : `; ${plural(plan.writeBack.changes, "write-back")} to ${plan.writeBack.attribute}`)
  );
}

/** A sharded stack's shards: users, enabled, disabled and memberships per shard stack. */
function shardsSection(shards: readonly PlanShard[]): string[] {
  const rows = table(["Shard", "Users", "Enabled", "Disabled", "Memberships"]);
  for (const s of shards) {
    rows.push([
      String(s.shard),
      String(s.users),
      String(s.enabled),
      String(s.disabled),
      String(s.memberships),
    ]);
  }
  return [`Shards (${shards.length})`, rows.toString()];
}

/** The plan's calendar: what each of the next 14 midnights brings, employee ids per kind of change. */
function nextDaysSection(plan: Plan): string[] {
  const title = `Next ${NEXT_DAYS} days`;
  if (plan.nextDays.length === 0) return [title, "No account is created, enabled or disabled by itself."];
  const days = table(["Date", "Create", "Enable", "Disable"]);
  for (const day of plan.nextDays) {
    days.push([day.date, day.create.join(", "), day.enable.join(", "), day.disable.join(", ")]);
  }
  return [title, days.toString()];
}

function eventCell(event: NextEvent | undefined): string {
  return event === undefined ? "" : `${event.event} ${event.date}`;
}

function table(head: string[]): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: true },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
}

function cell(value: DesiredUser[string]): string {
  if (value === undefined || (typeof value === "object" && !Array.isArray(value))) return "";
  const text = Array.isArray(value) ? value.join(", ") : String(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

function groupsCell(user: PlanUser): string {
  const text = (user.groups ?? []).join(", ");
  return text.length > MAX_GROUPS_CELL ? `${text.slice(0, MAX_GROUPS_CELL - 1)}…` : text;
}

function manager(user: DesiredUser): string {
  return user.managerEmployeeId ?? user.managerObjectId ?? "";
}
