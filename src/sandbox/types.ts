import type { Clock } from "../util/clock";

/** One attribute of a Personio employee item; `type` and `universal_id` are missing in some older data. */
export interface PersonioAttribute {
  readonly label?: string;
  readonly value: unknown;
  readonly type?: string | null;
  readonly universal_id?: string | null;
  readonly [extra: string]: unknown;
}

/** An employee as `GET /v1/company/employees` lists it: `{type: "Employee", attributes: {key: {label, value, …}}}`. */
export interface PersonioEmployeeItem {
  readonly type?: string;
  readonly attributes: Readonly<Record<string, PersonioAttribute>>;
}

/** The API credentials the sandbox accepts at `POST /v1/auth`. */
export interface SandboxCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Failures the sandbox injects; each counter starts again when the plan is replaced. */
export interface FaultPlan {
  /** The next `count` requests to the employees endpoint (listing or PATCH) answer 429 (Personio's error shape); `retryAfterSeconds` sets a Retry-After header when given. */
  readonly rateLimitBurst?: { readonly count: number; readonly retryAfterSeconds?: number };
  /** Answer `status` (default 500) to GET /v1/company/employees at this record offset, `times` times (a number) or "always". */
  readonly serverError?: {
    readonly offset: number;
    readonly status?: number;
    readonly times: number | "always";
  };
  /** Enforce Personio's limits: answer 429 when a request would exceed perSecond in any sliding 1 s window or perMinute in any sliding 60 s window (employees endpoint only: listing and PATCH). */
  readonly enforceRateLimit?: { readonly perSecond: number; readonly perMinute: number };
  /** Every POST /v1/auth fails with 401 as if the credentials were wrong. */
  readonly rejectCredentials?: boolean;
  /** Destroy the socket (connection reset) on the page at this offset, `times` times. */
  readonly connectionReset?: { readonly offset: number; readonly times: number | "always" };
  /**
   * Send the page at this offset `bytes` bytes (default 1) every `intervalMs` (default 1000), `times` times,
   * after headers with the full Content-Length: never idle, yet far slower than any sane deadline.
   */
  readonly trickle?: {
    readonly offset: number;
    readonly times: number | "always";
    readonly intervalMs?: number;
    readonly bytes?: number;
  };
  /** Send the page at this offset with its full Content-Length but only the first half of its body, then destroy the socket, `times` times. */
  readonly truncate?: { readonly offset: number; readonly times: number | "always" };
  /** After the first employees page is served, add (positive) or remove (negative) this many employees, so total_elements changes between pages. */
  readonly changeTotalAfterFirstPage?: number;
  /**
   * Answer `status` (default 500) to `PATCH /v1/company/employees/{id}` — for these employee ids, or any when
   * omitted — `times` times (a number, counted over all matching requests) or "always"; the update is not applied.
   */
  readonly patchError?: {
    readonly status?: number;
    readonly times: number | "always";
    readonly employeeIds?: readonly number[];
  };
  /** Serve the page at this offset with this JSON instead of the real one (for malformed payload tests); a string body is sent as is, not as JSON. */
  readonly replacePage?: { readonly offset: number; readonly body: unknown };
}

/** How to start a sandbox; every field has a default. */
export interface SandboxOptions {
  /** Employees as Personio items; default: the bundled sample company. */
  readonly employees?: readonly PersonioEmployeeItem[];
  /** The credentials `POST /v1/auth` accepts; default `sandbox-client` / `sandbox-secret`. */
  readonly credentials?: SandboxCredentials;
  /**
   * The attribute keys these credentials may read (`id` always): the attributes listing and every employee leave
   * the others out, as Personio does for attributes not whitelisted for the credentials; default every attribute.
   */
  readonly readableAttributes?: readonly string[];
  /** Port on 127.0.0.1; default 0 (a free port). */
  readonly port?: number;
  /** Milliseconds added before answering every request; default 0. */
  readonly latencyMs?: number;
  /** Arrival times and the latency wait; default the system's monotonic clock and real timers. */
  readonly clock?: Clock;
  /** Failures to inject; default none. */
  readonly faults?: FaultPlan;
  /** `expires_in` of issued tokens, after which they answer 401; default 86400. */
  readonly tokenTtlSeconds?: number;
  /** The date (YYYY-MM-DD) relative dates of the bundled sample company resolve against; default today in Europe/Berlin. */
  readonly today?: string;
  /** Post Personio's v2 webhooks here when an employee changes (PATCH, `POST /sandbox/employees/{id}`, `setEmployees`); default none. */
  readonly webhook?: WebhookOptions;
}

/** One request as the sandbox received it. */
export interface SandboxRequest {
  readonly method: string;
  readonly path: string;
  /** Query parameters; repeated ones and every `name[]` parameter are arrays. */
  readonly query: Record<string, string | string[]>;
  /** The status answered (also for a trickled or truncated page); 0 when the connection was reset instead (or the sandbox closed first). */
  readonly status: number;
  /** Arrival time, `clock.now()` milliseconds (`performance.now()` by default). */
  readonly startedAt: number;
  /** The `X-Personio-App-ID` header. */
  readonly appId: string | undefined;
}

/** A running sandbox on 127.0.0.1. */
export interface Sandbox {
  /** e.g. `http://127.0.0.1:43210`; clients append `/v1/...`. */
  readonly baseUrl: string;
  readonly credentials: SandboxCredentials;
  /** Every request received, in arrival order. */
  readonly requests: readonly SandboxRequest[];
  /** Replaces the fault plan; counters reset. */
  setFaults(faults: FaultPlan): void;
  /** Replaces the employees served. */
  setEmployees(employees: readonly PersonioEmployeeItem[]): void;
  /** Every issued token now answers 401 (to test re-authentication). */
  revokeTokens(): void;
  clearRequests(): void;
  /** Every finished webhook delivery, in the order they finished; empty without `webhook`. */
  webhookDeliveries(): readonly WebhookDelivery[];
  /** Resolves once no webhook is queued or in flight (each one bounded by its attempts and deadlines). */
  webhooksSettled(): Promise<void>;
  /** Stops listening and drops every connection, in-flight requests included. */
  close(): Promise<void>;
}

/** The Personio v2 events the sandbox sends (person.deleted when an employee is removed). */
export type WebhookEventName =
  "person.created" | "person.updated" | "person.deleted" | "employment.updated" | "employment.terminated";

/** Where and how the sandbox posts its webhooks; every field but `url` and `token` has a default. */
export interface WebhookOptions {
  /** The receiver, e.g. the runner's `http://127.0.0.1:8080/webhooks/personio`. */
  readonly url: string;
  /** Sent verbatim as the `Authorization` header, as Personio does (no `Bearer ` added). */
  readonly token: string;
  /** Attempts per event, the first included; default 5. */
  readonly maxAttempts?: number;
  /** Each attempt's deadline in ms, headers and body; default 3000 (Personio's). */
  readonly timeoutMs?: number;
  /** The first wait between attempts in ms, doubled each time up to 30 000; default 1000. */
  readonly backoffMs?: number;
  /** One line per attempt (event, id, status); never the token. */
  readonly log?: (line: string) => void;
  /** The wall clock for `occurred_at`; default `new Date()`. */
  readonly now?: () => Date;
}

/** One event's delivery as it ended: the last status (0: timeout or no connection) and the attempts made. */
export interface WebhookDelivery {
  readonly event: WebhookEventName;
  readonly id: number;
  readonly status: number;
  readonly attempts: number;
  readonly delivered: boolean;
}
