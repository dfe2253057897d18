import { type Clock } from "../util/clock";
import {
  PersonioAuthError,
  PersonioResponseTooLargeError,
  PersonioRequestError,
  PersonioTransportError,
  type RequestTarget,
} from "./errors";
import type { RateLimiter } from "./rate-limiter";
import {
  type AttemptFailure,
  isRetryable,
  parseRetryAfter,
  type ResolvedRetryOptions,
  retryDelayMs,
} from "./retry-policy";
import { ErrorResponseSchema } from "./schemas";
import type { TokenCache } from "./token-cache";
import {
  type HttpRequest,
  type HttpResponse,
  NetworkError,
  ResponseTooLargeError,
  type Transport,
} from "./transport";

/** One line per attempt, for logs and tests; holds no credentials and no personal data. */
export interface RequestEvent {
  readonly method: string;
  readonly path: string;
  readonly offset?: number;
  readonly attempt: number;
  /** HTTP status, or the network error code. */
  readonly outcome: number | string;
  /** From asking for a pacing slot to the answer. */
  readonly durationMs: number;
}

export interface ExecutorDeps {
  readonly transport: Transport;
  readonly retry: ResolvedRetryOptions;
  readonly clock: Clock;
  readonly random: () => number;
  readonly tokens?: TokenCache;
  readonly limiter?: RateLimiter;
  readonly onRequest?: (event: RequestEvent) => void;
}

type Unsigned = Omit<HttpRequest, "headers" | "signal">;

/**
 * Runs one logical request to completion: paced, authenticated, re-authenticated once on 401, retried with
 * backoff on throttling and transport failures. Returns the 2xx body or throws a typed Personio error.
 */
export async function execute(
  deps: ExecutorDeps,
  target: RequestTarget,
  request: Unsigned,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<string> {
  let reauthenticated = false;
  for (let attempt = 1; ; attempt++) {
    const started = deps.clock.now();
    let failure: AttemptFailure;
    let networkDetail = "";
    try {
      const { response, token } = await send(deps, request, headers, signal);
      report(deps, target, attempt, response.status, started);
      if (response.status >= 200 && response.status < 300) return response.body;
      if (response.status === 401 && token !== undefined && !reauthenticated) {
        deps.tokens?.invalidate(token);
        reauthenticated = true;
        attempt--;
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw new PersonioAuthError(
          target,
          authDetail(response.status, token !== undefined),
          response.status,
        );
      }
      failure = {
        kind: "status",
        status: response.status,
        retryAfterMs: parseRetryAfter(response.retryAfter, Date.now()),
      };
      if (!isRetryable(failure)) {
        throw new PersonioRequestError(target, statusDetail(response.status, response.body), response.status);
      }
    } catch (error) {
      if (error instanceof ResponseTooLargeError) {
        report(deps, target, attempt, TOO_LARGE, started);
        throw new PersonioResponseTooLargeError(target, tooLargeDetail(error), error.limitBytes);
      }
      if (!(error instanceof NetworkError)) throw error;
      report(deps, target, attempt, error.code, started);
      if (error.code === "ABORTED") throw new PersonioTransportError(target, "aborted", undefined, attempt);
      failure = { kind: "network", code: error.code };
      networkDetail = error.message;
      if (!isRetryable(failure)) throw new PersonioTransportError(target, error.message, undefined, attempt);
    }
    const status = failure.kind === "status" ? failure.status : undefined;
    if (failure.kind === "status" && (failure.retryAfterMs ?? 0) > deps.retry.maxRetryAfterMs) {
      const seconds = Math.round((failure.retryAfterMs ?? 0) / 1000);
      throw new PersonioTransportError(
        target,
        `HTTP ${status} with Retry-After ${seconds} s, longer than allowed`,
        status,
        attempt,
      );
    }
    if (attempt >= deps.retry.maxAttempts) {
      throw new PersonioTransportError(
        target,
        failure.kind === "status" ? `HTTP ${status}` : networkDetail,
        status,
        attempt,
      );
    }
    await deps.clock.sleep(retryDelayMs(attempt, failure, deps.retry, deps.random), signal).catch(() => {
      throw new PersonioTransportError(target, "aborted", status, attempt);
    });
  }
}

/** One paced, signed attempt; its pacing turn ends when the server's answer begins, or the attempt failed. */
async function send(
  deps: ExecutorDeps,
  request: Unsigned,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<{ response: HttpResponse; token: string | undefined }> {
  const release = await deps.limiter?.acquire(signal);
  try {
    const token = deps.tokens === undefined ? undefined : await deps.tokens.get(signal);
    const signed = token === undefined ? headers : { ...headers, Authorization: `Bearer ${token}` };
    return {
      response: await deps.transport({ ...request, headers: signed, signal, onAnswered: release }),
      token,
    };
  } finally {
    release?.();
  }
}

function report(
  deps: ExecutorDeps,
  target: RequestTarget,
  attempt: number,
  outcome: number | string,
  started: number,
): void {
  deps.onRequest?.({ ...target, attempt, outcome, durationMs: Math.round(deps.clock.now() - started) });
}

/** The outcome an attempt whose answer outgrew the limit reports. */
const TOO_LARGE = "ERR_RESPONSE_TOO_LARGE";

/** Not retried: the same request would bring the same body, and memory is what the limit protects. */
function tooLargeDetail(error: ResponseTooLargeError): string {
  return (
    `${error.message} (the Personio client's maxResponseBytes, ${error.limitBytes} bytes; no flag or stack ` +
    "config sets it): a page of 100 employees is far smaller; check the base URL (personio.baseUrl, " +
    "PERSONIO_BASE_URL)"
  );
}

function authDetail(status: number, withToken: boolean): string {
  return withToken
    ? `HTTP ${status}: the token was refused again after re-authenticating; check the API credentials' permissions`
    : `HTTP ${status}: credentials refused; check PERSONIO_CLIENT_ID and PERSONIO_CLIENT_SECRET`;
}

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * HTTP status and Personio's error code: never its message, which may quote names or e-mail addresses.
 * @example statusDetail(422, '{"success":false,"error":{"code":422,"message":"Anna ..."}}') === "HTTP 422 (Personio error code 422)"
 */
function statusDetail(status: number, body: string): string {
  let code: string | number | undefined;
  try {
    code = ErrorResponseSchema.safeParse(JSON.parse(body)).data?.error.code;
  } catch {
    code = undefined;
  }
  return code === undefined || !CODE.test(String(code))
    ? `HTTP ${status}`
    : `HTTP ${status} (Personio error code ${code})`;
}
