import { graphError, type GraphReply } from "./graph-reply";

/** A path pattern: a RegExp, or a path in which each `*` stands for one segment (an id). */
export type PathPattern = string | RegExp;

/** A number of matching requests, or every one. */
export type FaultTimes = number | "always";

/** The next `times` sub-requests (or direct requests) under `/v1.0` whose path matches answer `status`. */
export interface SubRequestFault {
  /** Matched against the path after `/v1.0`, without the query: `/users/u-1/revokeSignInSessions`. */
  readonly path: PathPattern;
  /** Only this method; default any. */
  readonly method?: string;
  readonly status: 429 | 403 | 404 | 503;
  readonly times: FaultTimes;
  /** Sent as `Retry-After` with a 429 or 503. */
  readonly retryAfterSeconds?: number;
}

/** The next `times` whole HTTP requests whose path matches answer 503, or are never answered (`hang`). */
export interface RequestFault {
  /** Matched against the whole path (`/v1.0/$batch`, `/{tenant}/oauth2/v2.0/token`); default every `/v1.0` request. */
  readonly path?: PathPattern;
  readonly kind: "unavailable" | "hang";
  readonly times: FaultTimes;
  readonly retryAfterSeconds?: number;
}

/** The faults an emulator starts with; `emulator.faults` adds more while it runs. */
export interface GraphFaultPlan {
  readonly subRequests?: readonly SubRequestFault[];
  readonly requests?: readonly RequestFault[];
}

interface Armed<F> {
  readonly fault: F;
  readonly pattern: RegExp;
  left: number;
}

const CODES: Readonly<Record<number, [string, string]>> = {
  429: ["TooManyRequests", "Too many requests (injected). Retry after the interval in Retry-After."],
  403: ["Authorization_RequestDenied", "Insufficient privileges to complete the operation (injected)."],
  404: ["Request_ResourceNotFound", "Resource does not exist (injected)."],
  503: ["ServiceUnavailable", "The service is temporarily unavailable (injected)."],
};

/** The armed faults and their counters; the first matching fault with requests left wins and uses one up. */
export class GraphFaults {
  private subRequests: Armed<SubRequestFault>[] = [];
  private requests: Armed<RequestFault>[] = [];

  constructor(plan: GraphFaultPlan = {}) {
    for (const fault of plan.subRequests ?? []) this.subRequest(fault);
    for (const fault of plan.requests ?? []) this.request(fault);
  }

  /** Arms a sub-request fault, e.g. a 429 with `retryAfterSeconds: 2` for the next revoke: `{ path, status: 429, times: 1 }`. */
  subRequest(fault: SubRequestFault): void {
    this.subRequests.push(arm(fault, fault.path));
  }

  /** Arms a whole-request fault, e.g. `{ path: "/v1.0/$batch", kind: "hang", times: 1 }`. */
  request(fault: RequestFault): void {
    this.requests.push(arm(fault, fault.path ?? /^\/v1\.0(\/.*)?$/));
  }

  /** Disarms every fault. */
  clear(): void {
    this.subRequests = [];
    this.requests = [];
  }

  /** The injected answer for this sub-request, using one of its `times`; undefined to serve it. */
  atSubRequest(method: string, path: string): GraphReply | undefined {
    const armed = take(this.subRequests, path, (f) => f.method === undefined || f.method === method);
    if (armed === undefined) return undefined;
    const [code, message] = CODES[armed.status] ?? ["UnknownError", "Injected failure."];
    return graphError(armed.status, code, message, retryAfter(armed.retryAfterSeconds));
  }

  /** The injected answer for this whole request, using one of its `times`; undefined to serve it. */
  atRequest(path: string): GraphReply | undefined {
    const armed = take(this.requests, path, () => true);
    if (armed === undefined) return undefined;
    if (armed.kind === "hang") return { kind: "hang" };
    const [code, message] = CODES[503] as [string, string];
    return graphError(503, code, message, retryAfter(armed.retryAfterSeconds));
  }
}

function arm<F extends { readonly times: FaultTimes }>(fault: F, path: PathPattern): Armed<F> {
  const left = fault.times === "always" ? Number.POSITIVE_INFINITY : fault.times;
  if (!(left >= 0)) {
    throw new Error(
      `Invalid value for times: ${String(fault.times)}. Allowed: a whole number 0 or more, or "always".`,
    );
  }
  return { fault, pattern: typeof path === "string" ? patternOf(path) : path, left };
}

/** The RegExp of a string pattern: each `*` matches one path segment, every other character is literal. */
export function patternOf(path: string): RegExp {
  const escaped = path
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${escaped}$`);
}

function take<F>(armed: Armed<F>[], path: string, applies: (fault: F) => boolean): F | undefined {
  const hit = armed.find((a) => a.left > 0 && a.pattern.test(path) && applies(a.fault));
  if (hit === undefined) return undefined;
  hit.left--;
  return hit.fault;
}

function retryAfter(seconds: number | undefined): Record<string, string> | undefined {
  return seconds === undefined ? undefined : { "Retry-After": String(seconds) };
}
