import type { Clock } from "../util/clock";
import { formatDuration } from "../util/durations";
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

/** Where a POST goes: the URL without credentials, which (`https://user:pass@…`) become a Basic header. */
interface Target {
  readonly url: string;
  /** `hooks.slack.com`, with the port when there is one: all of the URL a log line may show. */
  readonly host: string;
  readonly headers: Record<string, string>;
}

/**
 * POSTs `body` as JSON; on a transport failure, a timeout, a 429 or a 5xx it waits and tries once more. Never
 * throws: a failure is logged with the webhook's host and the cause (`ECONNREFUSED`, `HTTP 500`, `timeout after
 * 10 s`), never the URL's path, query or credentials, which hold the webhook's secret; and reported as false.
 */
export async function postNotification(
  url: string,
  body: unknown,
  options: PostOptions,
  event: string,
): Promise<boolean> {
  const target = postTarget(url);
  for (let attempt = 1; attempt <= 2; attempt++) {
    const failure = await attemptPost(target, body, options.timeoutMs);
    if (failure === undefined) {
      options.log("info", "notify.sent", { event, attempt });
      return true;
    }
    const last = attempt === 2 || !failure.retry;
    options.log(last ? "error" : "warn", "notify.failed", {
      event,
      attempt,
      host: target.host,
      reason: failure.reason,
      ...(last ? {} : { retryInMs: options.retryDelayMs }),
    });
    if (last) return false;
    await options.clock.sleep(options.retryDelayMs).catch(() => undefined);
  }
  return false;
}

function postTarget(text: string): Target {
  const url = new URL(text);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (url.username !== "" || url.password !== "") {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers["authorization"] = `Basic ${Buffer.from(user).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  return { url: url.href, host: url.host, headers };
}

async function attemptPost(target: Target, body: unknown, timeoutMs: number): Promise<Failure | undefined> {
  try {
    const response = await fetch(target.url, {
      method: "POST",
      headers: target.headers,
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

/**
 * `timeout after 10 s`, `ECONNREFUSED`, `redirect refused`, … — the cause under fetch's `TypeError: fetch failed`,
 * its code or else its message with any URL in it cut out.
 */
function transportReason(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `timeout after ${timeoutMs < 1_000 ? `${timeoutMs} ms` : formatDuration(timeoutMs)}`;
  // Duck-typed: fetch's errors come from Node's own realm, where `instanceof Error` of another realm fails.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  const message = typeof cause?.message === "string" ? cause.message : messageOf(error);
  if (message === "unexpected redirect") return "redirect refused";
  const line = (message.split("\n")[0] ?? "").replace(/[a-z][a-z0-9+.-]*:\/\/\S*/gi, "[url]").trim();
  return line === "" ? "unknown error" : line;
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : "";
}
