import type { ObservedOutputs } from "../contract";
import { escape, thousands } from "./markdown";
import type { MembershipSection } from "./membership-summary";

/**
 * From the program's `lifecycle` output: the date of each employee's next create, enable or disable (what the
 * coming midnights bring), and possible rehires an admin may re-link by hand. Ids and dates only.
 */
export function lifecycleSections(outputs: ObservedOutputs | undefined): MembershipSection[] {
  const events = outputs?.lifecycle?.nextEvents ?? [];
  const matches = outputs?.lifecycle?.rehires ?? [];
  const sections: MembershipSection[] = [];
  if (events.length > 0) {
    sections.push({
      intro: `### Next lifecycle events (${thousands(events.length)})\n\nAt 00:00 company time on these days:`,
      header: "| Employee | Event | Date |\n| --- | --- | --- |",
      rows: events.map((e) => `| ${escape(e.employeeId)} | ${e.event} | ${e.date} |`),
      noun: "lifecycle events",
    });
  }
  if (matches.length > 0) {
    sections.push({
      intro:
        `### Possible rehires (${thousands(matches.length)})\n\n` +
        "New Personio profiles whose e-mail is the login of another employee's disabled account. They get a new " +
        "login; to give the person the old account instead, set its `employeeId` to the new id (README: Joiners and rehires).",
      header: "| Employee | Disabled account of employee |\n| --- | --- |",
      rows: matches.map((r) => `| ${escape(r.employeeId)} | ${escape(r.previousEmployeeId)} |`),
      noun: "possible rehires",
    });
  }
  return sections;
}
