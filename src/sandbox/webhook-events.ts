import type { PersonioEmployeeItem, WebhookEventName } from "./types";

/** One employee before and after a mutation of the sandbox; undefined before: new, undefined after: removed. */
export interface EmployeeChange {
  readonly id: number;
  readonly before: PersonioEmployeeItem | undefined;
  readonly after: PersonioEmployeeItem | undefined;
}

/** One event to deliver: its name and the employee (person) id. */
export interface WebhookEvent {
  readonly event: WebhookEventName;
  readonly id: number;
}

/** Personio's v2 delivery body: ids only, no personal data ("dataless notifications"). */
export interface WebhookEnvelope {
  readonly company_id: string;
  readonly event_name: WebhookEventName;
  readonly occurred_at: string;
  readonly payload: { readonly person: { readonly id: string } };
}

/** The company id the sandbox's deliveries carry; Personio's are numeric strings. */
export const SANDBOX_COMPANY_ID = "1";

/** The attributes whose change fires `person.updated` in Personio, besides every custom (`dynamic_…`) one. */
const PERSON_KEYS = new Set([
  "first_name",
  "last_name",
  "preferred_name",
  "email",
  "gender",
  "language_code",
]);
const TERMINATION_KEY = "termination_date";

/**
 * The events one change fires, at most one per name, in a fixed order: person.created / person.deleted alone;
 * else person.updated (name, e-mail, … and custom attributes), employment.terminated (a termination date set
 * where there was none) and employment.updated (any other attribute, a termination date changed or cleared).
 * Example: `first_name` and `position` changed → `[person.updated, employment.updated]`.
 */
export function eventsOf(change: EmployeeChange): WebhookEvent[] {
  const { id, before, after } = change;
  if (before === undefined) return after === undefined ? [] : [{ event: "person.created", id }];
  if (after === undefined) return [{ event: "person.deleted", id }];
  const names = new Set<WebhookEventName>();
  for (const key of changedKeys(before, after)) {
    if (PERSON_KEYS.has(key) || key.startsWith("dynamic_")) names.add("person.updated");
    else if (key === TERMINATION_KEY && isEmpty(valueOf(before, key)) && !isEmpty(valueOf(after, key))) {
      names.add("employment.terminated");
    } else if (key !== "id") names.add("employment.updated");
  }
  const order: WebhookEventName[] = ["person.updated", "employment.terminated", "employment.updated"];
  return order.filter((name) => names.has(name)).map((event) => ({ event, id }));
}

/** The envelope Personio posts for `event`, `occurred_at` from `at`. */
export function envelopeOf(event: WebhookEvent, at: Date): WebhookEnvelope {
  return {
    company_id: SANDBOX_COMPANY_ID,
    event_name: event.event,
    occurred_at: at.toISOString(),
    payload: { person: { id: String(event.id) } },
  };
}

function changedKeys(before: PersonioEmployeeItem, after: PersonioEmployeeItem): string[] {
  const keys = new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)]);
  return [...keys].filter(
    (key) => JSON.stringify(valueOf(before, key)) !== JSON.stringify(valueOf(after, key)),
  );
}

function valueOf(item: PersonioEmployeeItem, key: string): unknown {
  return item.attributes[key]?.value;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}
