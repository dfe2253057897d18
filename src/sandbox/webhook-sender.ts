import type { Clock } from "../util/clock";
import type { WebhookDelivery, WebhookOptions } from "./types";
import { envelopeOf, type WebhookEvent } from "./webhook-events";

const MAX_WAIT_MS = 30_000;
const CONCURRENCY = 4;
/** Events beyond this many waiting are dropped (and logged): a bulk replace must not hold the sandbox's memory. */
const MAX_QUEUED = 10_000;

/**
 * Posts each event at least once: retried with backoff after a timeout, a 429 (its Retry-After, capped at 30 s)
 * or a 5xx other than 501, at most `maxAttempts` times and never after the sandbox closes; redirects are never
 * followed (a 3xx is a failed delivery, as for Personio).
 */
export class WebhookSender {
  private readonly queue: WebhookEvent[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly done: WebhookDelivery[] = [];

  constructor(
    private readonly options: WebhookOptions,
    private readonly clock: Clock,
    private readonly closing: AbortSignal,
  ) {}

  /** Every finished delivery, in the order they finished. */
  get deliveries(): readonly WebhookDelivery[] {
    return this.done;
  }

  /** Queues events; they are posted in order, a few at a time. */
  send(events: readonly WebhookEvent[]): void {
    const room = Math.max(0, MAX_QUEUED - this.queue.length);
    if (events.length > room) this.log(`webhook: ${events.length - room} events dropped, queue full`);
    this.queue.push(...events.slice(0, room));
    this.pump();
  }

  /** Resolves once nothing is queued or in flight. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private pump(): void {
    while (this.running.size < CONCURRENCY && !this.closing.aborted) {
      const event = this.queue.shift();
      if (event === undefined) return;
      const task: Promise<void> = this.deliver(event).finally(() => {
        this.running.delete(task);
        this.pump();
      });
      this.running.add(task);
    }
  }

  private async deliver(event: WebhookEvent): Promise<void> {
    const max = this.options.maxAttempts ?? 5;
    const body = JSON.stringify(envelopeOf(event, (this.options.now ?? (() => new Date()))()));
    let wait = this.options.backoffMs ?? 1_000;
    for (let attempt = 1; ; attempt++) {
      const { status, retryAfterSeconds } = await this.post(body);
      const label = `webhook ${event.event} ${event.id}: ${status === 0 ? "no answer" : status} (attempt ${attempt}/${max})`;
      const delivered = status >= 200 && status < 300;
      const retry = !delivered && attempt < max && retryable(status) && !this.closing.aborted;
      if (!retry) {
        this.log(`${label}; ${delivered ? "delivered" : "not delivered"}`);
        this.done.push({ event: event.event, id: event.id, status, attempts: attempt, delivered });
        return;
      }
      const ms = Math.min(retryAfterSeconds === undefined ? wait : retryAfterSeconds * 1_000, MAX_WAIT_MS);
      this.log(`${label}; retry in ${ms} ms`);
      wait = Math.min(wait * 2, MAX_WAIT_MS);
      try {
        await this.clock.sleep(ms, this.closing);
      } catch {
        this.log(`webhook ${event.event} ${event.id}: not delivered, the sandbox closed`);
        this.done.push({ event: event.event, id: event.id, status, attempts: attempt, delivered: false });
        return;
      }
    }
  }

  /** One POST under the deadline; status 0 when it timed out, failed to connect or the sandbox closed. */
  private async post(body: string): Promise<{ status: number; retryAfterSeconds?: number }> {
    const signal = AbortSignal.any([this.closing, AbortSignal.timeout(this.options.timeoutMs ?? 3_000)]);
    try {
      const response = await fetch(this.options.url, {
        method: "POST",
        headers: { Authorization: this.options.token, "Content-Type": "application/json" },
        body,
        redirect: "manual",
        signal,
      });
      await response.arrayBuffer();
      const retryAfter = response.headers.get("retry-after");
      const seconds = retryAfter !== null && /^\d{1,6}$/.test(retryAfter) ? Number(retryAfter) : undefined;
      return { status: response.status, retryAfterSeconds: seconds };
    } catch {
      return { status: 0 };
    }
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

function retryable(status: number): boolean {
  return status === 0 || status === 429 || (status >= 500 && status !== 501);
}
