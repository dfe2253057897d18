import { readDelivery } from "../../src/webhooks/delivery";

const envelope = (event_name: unknown, payload: unknown) => ({
  company_id: "4711",
  event_name,
  occurred_at: "2026-11-26T10:00:00Z",
  payload,
});

describe("readDelivery", () => {
  it.each([
    ["person.updated", { id: "812" }, "812"],
    ["person.created", { id: 812 }, "812"],
    ["person.deleted", { person_id: "812" }, "812"],
    ["employment.updated", { id: "6f1c-uuid", person: { id: "812" } }, "812"],
    ["employment.terminated", { id: "6f1c-uuid", person_id: "913" }, "913"],
    ["employment.started", { person: { id: 913 } }, "913"],
  ])("takes the person id of %s %j", (event, payload, personId) => {
    expect(readDelivery(envelope(event, payload))).toEqual({ kind: "accepted", event, personId });
  });

  it.each([
    ["absence-period.created", "absence-period.created"],
    ["document.created", "document.created"],
    ["Some Event <script>", "(name not shown)"],
  ])("ignores %s", (event, shown) => {
    expect(readDelivery(envelope(event, { id: "1" }))).toEqual({ kind: "ignored", event: shown });
  });

  it.each([
    [
      "an employment event whose only id is the employment's",
      envelope("employment.updated", { id: "6f1c" }),
      "Invalid webhook payload for employment.updated: no person id. Allowed: a person id (digits, letters, - or _) at payload.person_id, payload.person.id or, for person.* events, payload.id.",
    ],
    [
      "a person id that is not an id",
      envelope("person.updated", { id: "Anna Example <anna@x>" }),
      "Invalid webhook payload for person.updated: no person id. Allowed: a person id (digits, letters, - or _) at payload.person_id, payload.person.id or, for person.* events, payload.id.",
    ],
    [
      "a body that is not an envelope",
      [1, 2],
      "Invalid webhook envelope: (body). Allowed: an object with company_id, event_name, occurred_at and payload (an object).",
    ],
    [
      "an envelope without payload and event",
      { company_id: "1", occurred_at: "2026-11-26T10:00:00Z" },
      "Invalid webhook envelope: event_name, payload. Allowed: an object with company_id, event_name, occurred_at and payload (an object).",
    ],
  ])("rejects %s", (_, body, reason) => {
    expect(readDelivery(body)).toEqual({ kind: "rejected", reason });
  });
});
