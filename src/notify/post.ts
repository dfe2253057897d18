import type { Clock } from "../util/clock";
import type { Logger } from "../util/log";

export interface PostOptions {
  /** Deadline of each attempt. Default 10 s. */
  readonly timeoutMs: number;
  /** Wait before the one retry. Default 5 s. */
  readonly retryDelayMs: number;
  readonly clock: Clock;
  readonly log: Logger;
}

export const DEFAULT_POST: Pick<PostOptions, "timeoutMs" | "retryDelayMs"> = {
  timeoutMs: 10_000,
  retryDelayMs: 5_000,
};

/** Why one attempt failed, and whether another could succeed (not after a 4xx other than 429). */
interface Failure {
  readonly reason: string;
  readonly retry: boolean;
}

/**
 * POSTs `body` as JSON; on a transport failure, a timeout, a 429 or a 5xx it waits and tries once more. Never
 * throws: a failure is logged (without the URL, which holds the webhook's secret) and reported as false.
 */
export async function postNotification(
  url: string,
  body: unknown,
  options: PostOptions,
  event: string,
): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const failure = await attemptPost(url, body, options.timeoutMs);
    if (failure === undefined) {
      options.log("info", "notify.sent", { event, attempt });
      return true;
    }
    const last = attempt === 2 || !failure.retry;
    options.log(last ? "error" : "warn", "notify.failed", {
      event,
      attempt,
      reason: failure.reason,
      ...(last ? {} : { retryInMs: options.retryDelayMs }),
    });
    if (last) return false;
    await options.clock.sleep(options.retryDelayMs).catch(() => undefined);
  }
  return false;
}

async function attemptPost(url: string, body: unknown, timeoutMs: number): Promise<Failure | undefined> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return undefined;
    return { reason: `HTTP ${response.status}`, retry: response.status === 429 || response.status >= 500 };
  } catch (error) {
    return { reason: transportReason(error, timeoutMs), retry: true };
  }
}

/** `timed out after 10000 ms`, `ECONNREFUSED`, … — the code, never the URL the message may contain. */
function transportReason(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `timed out after ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  return error instanceof Error ? error.name : "unknown error";
}
