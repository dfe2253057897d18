import type { FaultPlan } from "./types";

/** What a fault turns an employees page request at a given offset into. */
export type PageFault =
  | { readonly kind: "reset" }
  | { readonly kind: "error"; readonly status: number }
  | { readonly kind: "replace"; readonly body: unknown };

/** How a page that is served gets delivered: slowly, or cut off halfway. */
export type DeliveryFault =
  | { readonly kind: "trickle"; readonly intervalMs: number; readonly bytes: number }
  | { readonly kind: "truncate" };

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;

/** A fault plan and its counters; a new plan starts a new state. */
export class FaultState {
  private burstLeft: number;
  private resetsLeft: number;
  private errorsLeft: number;
  private patchErrorsLeft: number;
  private tricklesLeft: number;
  private truncationsLeft: number;
  private totalChanged = false;
  /** Arrival times of the employees requests that got past the rate limits, oldest first. */
  private readonly admitted: number[] = [];

  constructor(readonly plan: FaultPlan) {
    this.burstLeft = plan.rateLimitBurst?.count ?? 0;
    this.resetsLeft = remaining(plan.connectionReset?.times);
    this.errorsLeft = remaining(plan.serverError?.times);
    this.patchErrorsLeft = remaining(plan.patchError?.times);
    this.tricklesLeft = remaining(plan.trickle?.times);
    this.truncationsLeft = remaining(plan.truncate?.times);
  }

  /**
   * Whether an employees request arriving at `now` (ms) is answered 429: first the burst, then the sliding
   * windows. Only admitted requests count towards the windows, as a refused request did no work.
   */
  throttle(now: number): { readonly retryAfterSeconds?: number } | undefined {
    if (this.burstLeft > 0) {
      this.burstLeft--;
      return { retryAfterSeconds: this.plan.rateLimitBurst?.retryAfterSeconds };
    }
    const limits = this.plan.enforceRateLimit;
    if (limits === undefined) return undefined;
    while (this.admitted.length > 0 && (this.admitted[0] as number) <= now - MINUTE_MS) this.admitted.shift();
    const lastSecond = this.admitted.filter((t) => t > now - SECOND_MS).length;
    if (lastSecond >= limits.perSecond || this.admitted.length >= limits.perMinute) return {};
    this.admitted.push(now);
    return undefined;
  }

  /** The fault for a page at this record offset, consuming one of its `times`; resets win over errors. */
  atOffset(offset: number): PageFault | undefined {
    const { connectionReset, serverError, replacePage } = this.plan;
    if (connectionReset?.offset === offset && this.resetsLeft > 0) {
      this.resetsLeft--;
      return { kind: "reset" };
    }
    if (serverError?.offset === offset && this.errorsLeft > 0) {
      this.errorsLeft--;
      return { kind: "error", status: serverError.status ?? 500 };
    }
    if (replacePage?.offset === offset) return { kind: "replace", body: replacePage.body };
    return undefined;
  }

  /** The error status to answer a PATCH of this employee with, consuming one of its `times`; undefined to apply it. */
  atPatch(employeeId: number): number | undefined {
    const fault = this.plan.patchError;
    if (fault === undefined || this.patchErrorsLeft <= 0) return undefined;
    if (fault.employeeIds !== undefined && !fault.employeeIds.includes(employeeId)) return undefined;
    this.patchErrorsLeft--;
    return fault.status ?? 500;
  }

  /** How the page at this offset, about to be served, is delivered, consuming one of its `times`; trickles win over truncations. */
  delivery(offset: number): DeliveryFault | undefined {
    const { trickle, truncate } = this.plan;
    if (trickle?.offset === offset && this.tricklesLeft > 0) {
      this.tricklesLeft--;
      return { kind: "trickle", intervalMs: trickle.intervalMs ?? 1_000, bytes: trickle.bytes ?? 1 };
    }
    if (truncate?.offset === offset && this.truncationsLeft > 0) {
      this.truncationsLeft--;
      return { kind: "truncate" };
    }
    return undefined;
  }

  /** After the first page served: how many employees to add (or remove); 0 ever after. */
  takeTotalChange(): number {
    if (this.totalChanged) return 0;
    this.totalChanged = true;
    return this.plan.changeTotalAfterFirstPage ?? 0;
  }
}

function remaining(times: number | "always" | undefined): number {
  return times === "always" ? Number.POSITIVE_INFINITY : (times ?? 0);
}
