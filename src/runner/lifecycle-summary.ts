import { escape, thousands } from "./markdown";
import type { MembershipSection } from "./membership-summary";

/**
 * From the program's `lifecycle` output: the date of each employee's next create, enable or disable (what the
 * coming midnights bring), and possible rehires an admin may re-link by hand. Ids and dates only.
 */
export function lifecycleSections(outputs: Record<string, unknown> | undefined): MembershipSection[] {
  const lifecycle = outputs?.["lifecycle"];
  if (typeof lifecycle !== "object" || lifecycle === null) return [];
  const { nextEvents, rehires } = lifecycle as { nextEvents?: unknown; rehires?: unknown };
  const sections: MembershipSection[] = [];
  const events = Array.isArray(nextEvents) ? (nextEvents as Record<string, unknown>[]) : [];
  if (events.length > 0) {
    sections.push({
      intro: `### Next lifecycle events (${thousands(events.length)})\n\nAt 00:00 company time on these days:`,
      header: "| Employee | Event | Date |\n| --- | --- | --- |",
      rows: events.map(
        (e) =>
          `| ${escape(String(e["employeeId"]))} | ${escape(String(e["event"]))} | ${escape(String(e["date"]))} |`,
      ),
      noun: "lifecycle events",
    });
  }
  const matches = Array.isArray(rehires) ? (rehires as Record<string, unknown>[]) : [];
  if (matches.length > 0) {
    sections.push({
      intro:
        `### Possible rehires (${thousands(matches.length)})\n\n` +
        "New Personio profiles whose e-mail is the login of another employee's disabled account. They get a new " +
        "login; to give the person the old account instead, set its `employeeId` to the new id (README: Joiners and rehires).",
      header: "| Employee | Disabled account of employee |\n| --- | --- |",
      rows: matches.map(
        (r) => `| ${escape(String(r["employeeId"]))} | ${escape(String(r["previousEmployeeId"]))} |`,
      ),
      noun: "possible rehires",
    });
  }
  return sections;
}
