import { z } from "zod";

/** Personio's webhook envelope; the payload carries ids only and is never trusted for content. */
const Envelope = z.object({
  company_id: z.union([z.string(), z.number()]),
  event_name: z.string().min(1),
  occurred_at: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** What one delivery asks for. */
export type Delivery =
  | { readonly kind: "accepted"; readonly event: string; readonly personId: string }
  | { readonly kind: "ignored"; readonly event: string }
  | { readonly kind: "rejected"; readonly reason: string };

/** Event families that can change an account; every other event (absences, documents …) is ignored. */
const FAMILIES = ["person.", "employment."];
const PERSON_ID = /^[0-9A-Za-z_-]{1,64}$/;
const EVENT_NAME = /^[a-z_-]{1,40}\.[a-z_.-]{1,40}$/;

/**
 * The person id a parsed JSON body names, for `person.*` and `employment.*` events (incl.
 * `employment.terminated`): `payload.person_id`, `payload.person.id`, or for `person.*` events `payload.id`.
 * Personio does not document the payload's keys per event, hence the three places.
 * @example readDelivery({ company_id: "1", event_name: "person.updated", occurred_at: "…", payload: { id: "812" } })
 *   is { kind: "accepted", event: "person.updated", personId: "812" }
 */
export function readDelivery(body: unknown): Delivery {
  const parsed = Envelope.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(body)"))];
    return {
      kind: "rejected",
      reason: `Invalid webhook envelope: ${fields.join(", ")}. Allowed: an object with company_id, event_name, occurred_at and payload (an object).`,
    };
  }
  const { event_name: event, payload } = parsed.data;
  const shown = EVENT_NAME.test(event) ? event : "(name not shown)";
  if (!FAMILIES.some((family) => event.startsWith(family))) return { kind: "ignored", event: shown };
  const person = payload["person"];
  const candidates = [
    payload["person_id"],
    typeof person === "object" && person !== null ? (person as Record<string, unknown>)["id"] : undefined,
    event.startsWith("person.") ? payload["id"] : undefined,
  ];
  const personId = candidates.map(asPersonId).find((id) => id !== undefined);
  if (personId === undefined) {
    return {
      kind: "rejected",
      reason: `Invalid webhook payload for ${shown}: no person id. Allowed: a person id (digits, letters, - or _) at payload.person_id, payload.person.id or, for person.* events, payload.id.`,
    };
  }
  return { kind: "accepted", event: shown, personId };
}

function asPersonId(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  return typeof value === "string" && PERSON_ID.test(value) ? value : undefined;
}
