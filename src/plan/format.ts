import { NEXT_DAYS } from "../render/next-events";
import { wrapToWidth } from "../util/display-width";
import { graphCountsLine } from "./graph-counts";
import { groupedLines } from "./grouped-lines";
import type { Plan, PlanShard } from "./plan";
import { type TextColumn, textTable } from "./text-table";
import { eventCell, userColumns } from "./users-table";

/** How the plan is printed. */
export interface PlanTextOptions {
  /** Columns every line fits in; undefined (`--wide`): every column and every id, as wide as they are. */
  readonly width?: number;
  /** Lines shown under the summary, e.g. why the Graph actions were not counted. */
  readonly notes?: readonly string[];
}

/**
 * The plan as a person reads it: the summary first, then users, groups, skipped employees and warnings (one line
 * per kind), and the next days. This is output a human asked for, so it shows names; logs and errors elsewhere
 * never do.
 */
export function formatPlan(
  plan: Plan,
  mappedInputs: readonly string[],
  options: PlanTextOptions = {},
): string {
  const { width } = options;
  const wrap = (line: string): string[] => wrapToWidth(line, width);
  const sections = [`Plan for ${plan.today} (${plan.timezone})`, ...wrap(summaryLine(plan))];
  if (plan.graph !== undefined) sections.push(...wrap(graphCountsLine(plan.graph)));
  for (const note of options.notes ?? []) sections.push(...wrap(note));
  sections.push("", `Users (${plan.users.length})`);
  const users = textTable(userColumns(plan, mappedInputs, width === undefined), width);
  sections.push(...users.lines);
  if (users.dropped.length > 0) {
    sections.push(
      ...wrap(`Columns left out to fit ${width} columns: ${users.dropped.join(", ")} (--wide shows them).`),
    );
  }
  sections.push("");
  if (plan.groups !== undefined) {
    const groups = plan.groups;
    sections.push(`Groups (${groups.length})`);
    const columns: TextColumn[] = [
      { head: "Group", cells: groups.map((g) => g.name), min: 16 },
      { head: "Kind", cells: groups.map((g) => (g.kind === "created" ? "new" : "existing")) },
      { head: "Members", cells: groups.map((g) => String(g.members)) },
      { head: "From Personio", cells: groups.map((g) => g.sources.join(", ")), min: 16 },
    ];
    sections.push(...textTable(columns, width).lines, "");
  }
  if (plan.shards !== undefined) sections.push(...shardsSection(plan.shards, width), "");
  if (plan.groupWarnings !== undefined) {
    sections.push(`Group warnings (${plan.groupWarnings.length})`, ...plan.groupWarnings.flatMap(wrap), "");
  }
  if (plan.skipped.length > 0) {
    const next = new Map(plan.nextEvents.map((event) => [event.employeeId, event]));
    const entries = plan.skipped.map((s) => {
      const event = eventCell(next.get(s.employeeId));
      return {
        kind: s.attribute === undefined ? s.reason : `${s.reason} (${s.attribute})`,
        label: event === "" ? s.employeeId : `${s.employeeId} (${event})`,
      };
    });
    sections.push(`Skipped (${plan.skipped.length})`, ...groupedLines(entries, "-", width), "");
  }
  if (plan.outOfScope !== undefined && plan.outOfScope.length > 0) {
    const entries = plan.outOfScope.map((o) => ({
      kind: `${o.reason} (${o.attribute})${o.managed ? ", account left as it is" : ""}`,
      label: o.employeeId,
    }));
    sections.push(`Out of scope (${plan.outOfScope.length})`, ...groupedLines(entries, "-", width), "");
  }
  if (plan.warnings.length > 0) {
    const entries = plan.warnings.map((w) => ({ kind: `${w.property} (${w.message})`, label: w.employeeId }));
    sections.push(`Warnings (${plan.warnings.length})`, ...groupedLines(entries, "!", width), "");
  }
  sections.push(...nextDaysSection(plan, width));
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
function shardsSection(shards: readonly PlanShard[], width: number | undefined): string[] {
  const column = (head: string, value: (s: PlanShard) => number): TextColumn => ({
    head,
    cells: shards.map((s) => String(value(s))),
  });
  const columns = [
    column("Shard", (s) => s.shard),
    column("Users", (s) => s.users),
    column("Enabled", (s) => s.enabled),
    column("Disabled", (s) => s.disabled),
    column("Memberships", (s) => s.memberships),
  ];
  return [`Shards (${shards.length})`, ...textTable(columns, width).lines];
}

/** The plan's calendar: what each of the next 14 midnights brings, employee ids per kind of change. */
function nextDaysSection(plan: Plan, width: number | undefined): string[] {
  const title = `Next ${NEXT_DAYS} days`;
  if (plan.nextDays.length === 0) return [title, "No account is created, enabled or disabled by itself."];
  const days = plan.nextDays;
  const ids = (head: string, list: (day: (typeof days)[number]) => readonly string[]): TextColumn => ({
    head,
    cells: days.map((day) => list(day).join(", ")),
    min: 8,
  });
  const columns = [
    { head: "Date", cells: days.map((day) => day.date) },
    ids("Create", (day) => day.create),
    ids("Enable", (day) => day.enable),
    ids("Disable", (day) => day.disable),
  ];
  return [title, ...textTable(columns, width).lines];
}
