import type { CalendarDate } from "../personio/dates";
import { addDays } from "./calendar";
import type { LifecycleEvent, LifecycleEventKind } from "./types";

/** How many days ahead the plan's calendar looks. */
export const NEXT_DAYS = 14;

/** The next change due for one employee, by itself, on a later day. */
export interface NextEvent {
  readonly employeeId: string;
  readonly event: LifecycleEventKind;
  readonly date: CalendarDate;
}

/** One day of the plan's calendar: the employee ids whose accounts are created, enabled or disabled that day. */
export interface PlanDay {
  readonly date: CalendarDate;
  readonly create: readonly string[];
  readonly enable: readonly string[];
  readonly disable: readonly string[];
}

/**
 * The first upcoming event of every employee that has one, by numeric employee id.
 * @example events of 5: create 12-22, enable 01-05 → { employeeId: "5", event: "create", date: "2026-12-22" }
 */
export function nextEvents(events: readonly LifecycleEvent[]): NextEvent[] {
  const first = new Map<string, LifecycleEvent>();
  for (const event of events) {
    const seen = first.get(event.employeeId);
    if (seen === undefined || event.date < seen.date) first.set(event.employeeId, event);
  }
  return [...first.values()]
    .sort((a, b) => Number(a.employeeId) - Number(b.employeeId))
    .map(({ employeeId, event, date }) => ({ employeeId, event, date }));
}

/**
 * What the next {@link NEXT_DAYS} midnights bring (tomorrow up to today + 14), only days with a change, in
 * date order; ids in numeric order.
 */
export function nextDays(events: readonly LifecycleEvent[], today: CalendarDate): PlanDay[] {
  const last = addDays(today, NEXT_DAYS);
  const days = new Map<CalendarDate, Record<LifecycleEventKind, string[]>>();
  for (const { employeeId, event, date } of events) {
    if (date <= today || date > last) continue;
    let day = days.get(date);
    if (day === undefined) {
      day = { create: [], enable: [], disable: [] };
      days.set(date, day);
    }
    day[event].push(employeeId);
  }
  const numeric = (ids: string[]): string[] => ids.sort((a, b) => Number(a) - Number(b));
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, day]) => ({
      date,
      create: numeric(day.create),
      enable: numeric(day.enable),
      disable: numeric(day.disable),
    }));
}
