import type { PersonioEmployeeItem } from "../../src/sandbox";
import { envelopeOf, eventsOf } from "../../src/sandbox/webhook-events";

const item = (values: Record<string, unknown>): PersonioEmployeeItem => ({
  type: "Employee",
  attributes: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { label: key, value }])),
});
const base = {
  id: 812,
  first_name: "Ada",
  email: "ada@contoso.com",
  position: "Dev",
  termination_date: null,
};

describe("eventsOf", () => {
  it.each([
    ["a new employee", undefined, base, ["person.created"]],
    ["a removed employee", base, undefined, ["person.deleted"]],
    ["nothing changed", base, { ...base }, []],
    ["a first name", base, { ...base, first_name: "Ida" }, ["person.updated"]],
    ["an e-mail", base, { ...base, email: "ida@contoso.com" }, ["person.updated"]],
    ["a custom attribute", base, { ...base, dynamic_1: "x" }, ["person.updated"]],
    ["a position", base, { ...base, position: "CTO" }, ["employment.updated"]],
    ["a department", base, { ...base, department: "IT" }, ["employment.updated"]],
    ["a termination date set", base, { ...base, termination_date: "2026-12-31" }, ["employment.terminated"]],
    [
      "a termination date moved",
      { ...base, termination_date: "2026-12-31" },
      { ...base, termination_date: "2027-01-31" },
      ["employment.updated"],
    ],
    [
      "a termination date cleared",
      { ...base, termination_date: "2026-12-31" },
      { ...base, termination_date: "" },
      ["employment.updated"],
    ],
    [
      "a name, a position and a termination date",
      base,
      { ...base, first_name: "Ida", position: "CTO", termination_date: "2026-12-31" },
      ["person.updated", "employment.terminated", "employment.updated"],
    ],
  ])("%s", (_, before, after, events) => {
    const change = {
      id: 812,
      before: before && item(before),
      after: after && item(after),
    };
    expect(eventsOf(change)).toEqual(events.map((event) => ({ event, id: 812 })));
  });
});

describe("envelopeOf", () => {
  it("has Personio's v2 envelope with the person id only", () => {
    expect(envelopeOf({ event: "person.updated", id: 812 }, new Date("2026-11-26T08:00:00Z"))).toEqual({
      company_id: "1",
      event_name: "person.updated",
      occurred_at: "2026-11-26T08:00:00.000Z",
      payload: { person: { id: "812" } },
    });
  });
});
