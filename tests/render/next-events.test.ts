import { formatPlan } from "../../src/plan/format";
import { nextDays, nextEvents } from "../../src/render/next-events";
import { buildPlan } from "../../src/plan/plan";
import type { LifecycleEvent } from "../../src/render";

const TODAY = "2026-11-26";

const events: LifecycleEvent[] = [
  { employeeId: "70", event: "create", date: "2026-12-01" },
  { employeeId: "70", event: "enable", date: "2026-12-15" },
  { employeeId: "9", event: "disable", date: "2026-11-27" },
  { employeeId: "12", event: "create", date: "2026-12-01" },
  { employeeId: "3", event: "create", date: "2026-12-01" },
  { employeeId: "40", event: "disable", date: "2026-12-10" },
  { employeeId: "41", event: "disable", date: "2026-12-11" },
];

describe("nextEvents", () => {
  it("gives each employee's first upcoming event, by numeric id", () => {
    expect(nextEvents(events)).toEqual([
      { employeeId: "3", event: "create", date: "2026-12-01" },
      { employeeId: "9", event: "disable", date: "2026-11-27" },
      { employeeId: "12", event: "create", date: "2026-12-01" },
      { employeeId: "40", event: "disable", date: "2026-12-10" },
      { employeeId: "41", event: "disable", date: "2026-12-11" },
      { employeeId: "70", event: "create", date: "2026-12-01" },
    ]);
  });
});

describe("nextDays", () => {
  it("groups tomorrow up to today + 14 by day and kind, ids in numeric order", () => {
    expect(nextDays(events, "2026-11-27")).toEqual([
      { date: "2026-12-01", create: ["3", "12", "70"], enable: [], disable: [] },
      { date: "2026-12-10", create: [], enable: [], disable: ["40"] },
      { date: "2026-12-11", create: [], enable: [], disable: ["41"] },
    ]);
  });

  it("leaves out today and everything after today + 14", () => {
    expect(nextDays(events, "2026-11-27").map((d) => d.date)).not.toContain("2026-11-27");
    expect(nextDays(events, TODAY).map((d) => d.date)).toEqual(["2026-11-27", "2026-12-01", "2026-12-10"]);
  });
});

describe("the plan's lifecycle sections", () => {
  const result = {
    users: [
      {
        employeeId: "9",
        userPrincipalName: "a@example.com",
        displayName: "A",
        givenName: "A",
        surname: "B",
        mailNickname: "a",
        accountEnabled: true,
      },
    ],
    skipped: [{ employeeId: "70", reason: "not_yet_due" as const, createOn: "2026-12-01" }],
    warnings: [],
    rehires: [],
    events: [
      { employeeId: "9", event: "disable" as const, date: "2026-11-27" },
      { employeeId: "70", event: "create" as const, date: "2026-12-01" },
    ],
  };

  it("writes nextEvents and nextDays to the JSON plan", () => {
    const plan = buildPlan(result, 2, TODAY, "Europe/Berlin");
    expect(plan.nextEvents).toEqual(result.events);
    expect(plan.nextDays).toEqual([
      { date: "2026-11-27", create: [], enable: [], disable: ["9"] },
      { date: "2026-12-01", create: ["70"], enable: [], disable: [] },
    ]);
  });

  it("prints the next event per employee and the Next 14 days section", () => {
    const text = formatPlan(buildPlan(result, 2, TODAY, "Europe/Berlin"), []);
    expect(text).toMatch(/│ 9 +│ a@example\.com .*│ disable 2026-11-27 │\n/);
    expect(text).toContain("\n- 1 × not_yet_due: 70 (create 2026-12-01)\n");
    const section = text.slice(text.indexOf("Next 14 days"));
    expect(section.split("\n").slice(0, 5)).toEqual([
      "Next 14 days",
      "┌────────────┬────────┬────────┬─────────┐",
      "│ Date       │ Create │ Enable │ Disable │",
      "│ 2026-11-27 │        │        │ 9       │",
      "│ 2026-12-01 │ 70     │        │         │",
    ]);
  });

  it("says so when nothing is due", () => {
    const text = formatPlan(buildPlan({ ...result, events: [] }, 2, TODAY, "Europe/Berlin"), []);
    expect(text.endsWith("Next 14 days\nNo account is created, enabled or disabled by itself.")).toBe(true);
  });
});
