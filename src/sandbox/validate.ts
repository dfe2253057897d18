import type { FaultPlan, SandboxOptions } from "./types";

type Check = (value: number) => boolean;
const wholeAtLeast =
  (min: number): Check =>
  (v) =>
    Number.isSafeInteger(v) && v >= min;

function check(name: string, value: number | undefined, ok: Check, allowed: string): void {
  if (value !== undefined && !ok(value)) {
    throw new Error(`Invalid sandbox option ${name}: ${JSON.stringify(value)}. Allowed: ${allowed}.`);
  }
}

function checkTimes(name: string, times: number | "always"): void {
  if (times !== "always") check(name, times, wholeAtLeast(0), 'a whole number, 0 or more, or "always"');
}

/** Throws on a fault plan that cannot mean anything (a negative count, a status that is not an error). */
export function validateFaultPlan(plan: FaultPlan): FaultPlan {
  const { rateLimitBurst, serverError, enforceRateLimit, connectionReset, replacePage } = plan;
  check("faults.rateLimitBurst.count", rateLimitBurst?.count, wholeAtLeast(0), "a whole number, 0 or more");
  check(
    "faults.rateLimitBurst.retryAfterSeconds",
    rateLimitBurst?.retryAfterSeconds,
    wholeAtLeast(0),
    "whole seconds, 0 or more",
  );
  check("faults.serverError.offset", serverError?.offset, wholeAtLeast(0), "a record offset, 0 or more");
  check(
    "faults.serverError.status",
    serverError?.status,
    (v) => wholeAtLeast(400)(v) && v <= 599,
    "an HTTP error status 400-599",
  );
  if (serverError !== undefined) checkTimes("faults.serverError.times", serverError.times);
  check(
    "faults.enforceRateLimit.perSecond",
    enforceRateLimit?.perSecond,
    wholeAtLeast(1),
    "a whole number, 1 or more",
  );
  check(
    "faults.enforceRateLimit.perMinute",
    enforceRateLimit?.perMinute,
    wholeAtLeast(1),
    "a whole number, 1 or more",
  );
  check(
    "faults.connectionReset.offset",
    connectionReset?.offset,
    wholeAtLeast(0),
    "a record offset, 0 or more",
  );
  if (connectionReset !== undefined) checkTimes("faults.connectionReset.times", connectionReset.times);
  const { trickle, truncate } = plan;
  check("faults.trickle.offset", trickle?.offset, wholeAtLeast(0), "a record offset, 0 or more");
  if (trickle !== undefined) checkTimes("faults.trickle.times", trickle.times);
  check(
    "faults.trickle.intervalMs",
    trickle?.intervalMs,
    (v) => wholeAtLeast(1)(v) && v <= 600_000,
    "whole milliseconds 1-600000",
  );
  check("faults.trickle.bytes", trickle?.bytes, wholeAtLeast(1), "a whole number, 1 or more");
  check("faults.truncate.offset", truncate?.offset, wholeAtLeast(0), "a record offset, 0 or more");
  if (truncate !== undefined) checkTimes("faults.truncate.times", truncate.times);
  check(
    "faults.changeTotalAfterFirstPage",
    plan.changeTotalAfterFirstPage,
    Number.isSafeInteger,
    "a whole number",
  );
  check(
    "faults.patchError.status",
    plan.patchError?.status,
    (v) => wholeAtLeast(400)(v) && v <= 599,
    "an HTTP error status 400-599",
  );
  if (plan.patchError !== undefined) checkTimes("faults.patchError.times", plan.patchError.times);
  check("faults.replacePage.offset", replacePage?.offset, wholeAtLeast(0), "a record offset, 0 or more");
  return plan;
}

/** Throws on options that cannot be served, naming the option, the value and what is allowed. */
export function validateOptions(options: SandboxOptions): void {
  check(
    "port",
    options.port,
    (v) => wholeAtLeast(0)(v) && v <= 65_535,
    "a whole number 0-65535 (0 picks a free port)",
  );
  check("latencyMs", options.latencyMs, (v) => Number.isFinite(v) && v >= 0, "milliseconds, 0 or more");
  check(
    "tokenTtlSeconds",
    options.tokenTtlSeconds,
    (v) => Number.isFinite(v) && v >= 0,
    "seconds, 0 or more",
  );
  const { clientId, clientSecret } = options.credentials ?? { clientId: "x", clientSecret: "x" };
  if (clientId === "" || clientSecret === "") {
    throw new Error(
      "Invalid sandbox option credentials: an empty client id or secret. Allowed: non-empty strings.",
    );
  }
  if (options.faults !== undefined) validateFaultPlan(options.faults);
}
