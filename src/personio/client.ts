import { type Clock, systemClock } from "../util/clock";
import { NODE_TIMER_MAX_MS } from "../util/durations";
import { mapConcurrent } from "../util/concurrency";
import type { Employee } from "./employee";
import { APP_ID_ALLOWED, BASE_URL_ALLOWED, isAppId, isBaseUrl, withoutCredentials } from "./endpoint";
import { PersonioPayloadError, type RequestTarget } from "./errors";
import { execute, type ExecutorDeps, type RequestEvent } from "./executor";
import { assemble, type EmployeeListing, type Page, parseBody, toEmployees } from "./page";
import { PERSONIO_RATE_WINDOWS, RateLimiter, type RateWindow } from "./rate-limiter";
import { resolveRetryOptions, type RetryOptions } from "./retry-policy";
import {
  type AttributeDefinition,
  AttributesResponseSchema,
  AuthResponseSchema,
  EmployeesPageSchema,
  EmployeeUpdatedSchema,
} from "./schemas";
import { TokenCache } from "./token-cache";
import { createTransport, type Transport } from "./transport";

/** How to reach Personio and how hard to push it. */
export interface PersonioClientOptions {
  /** API root without `/v1`, e.g. `https://api.personio.de` (see `isBaseUrl`). */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Sent as `X-Personio-App-ID` on every request, UPPER_SNAKE_CASE. */
  readonly appId: string;
  /** Records per page, 1–100 (Personio rejects more). Default 100. */
  readonly pageSize?: number;
  /** Pages in flight at once, within the rate limit. Default 15 (Personio's burst). */
  readonly concurrency?: number;
  /** Sliding-window limits on request starts; `false` turns pacing off. Default 15/s and 300/min. */
  readonly rateLimit?: readonly RateWindow[] | false;
  readonly retry?: RetryOptions;
  /** Idle timeout of an attempt: no byte sent or received for this long fails it (retried). Default 30 s. */
  readonly timeoutMs?: number;
  /**
   * Overall deadline of an attempt, from its first byte sent to the last byte read: a server that trickles
   * the answer fails the attempt here (`ETIMEDOUT`, retried) even though it is never idle. Default 60 s.
   */
  readonly deadlineMs?: number;
  /**
   * The most bytes one response body may have (after decompression), counted while it streams in: a larger one
   * fails the request as a {@link PersonioResponseTooLargeError}, never retried. Default 64 MB; at most 256 MB.
   */
  readonly maxResponseBytes?: number;
  /** Called once per HTTP attempt. */
  readonly onRequest?: (event: RequestEvent) => void;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly transport?: Transport;
}

/** What to list. */
export interface ListEmployeesOptions {
  /** Attribute keys to ask for (`attributes[]`); the id always comes back. Default: everything Personio sends. */
  readonly attributes?: readonly string[];
  /** Aborts the listing: requests in flight are cancelled, never retried, and it fails with "aborted". */
  readonly signal?: AbortSignal;
}

const EMPLOYEES_PATH = "/v1/company/employees";
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Well under V8's longest string (2^29 - 24 characters), which the body becomes. */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** Reads employees from Personio's v1 API: complete and validated, or not at all; writes custom attributes back. */
export class PersonioClient {
  private readonly deps: ExecutorDeps;
  private readonly pageSize: number;
  private readonly concurrency: number;
  private readonly headers: Record<string, string>;

  constructor(options: PersonioClientOptions) {
    validateOptions(options);
    this.pageSize = options.pageSize ?? 100;
    this.concurrency = options.concurrency ?? 15;
    this.headers = { Accept: "application/json", "X-Personio-App-ID": options.appId };
    const clock = options.clock ?? systemClock;
    const base = {
      transport:
        options.transport ??
        createTransport(options.baseUrl, {
          idleTimeoutMs: options.timeoutMs ?? 30_000,
          deadlineMs: options.deadlineMs ?? 60_000,
          maxSockets: this.concurrency,
          maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        }),
      retry: resolveRetryOptions(options.retry),
      clock,
      random: options.random ?? Math.random,
      onRequest: options.onRequest,
    };
    const tokens = new TokenCache((signal) => this.authenticate(base, options, signal), clock);
    const windows = options.rateLimit === false ? undefined : (options.rateLimit ?? PERSONIO_RATE_WINDOWS);
    this.deps = { ...base, tokens, limiter: windows && new RateLimiter(windows, 10, clock) };
  }

  /**
   * Every employee, in Personio's order; throws a {@link PersonioError} rather than return a partial list — a
   * record with an unreadable field included (see {@link listEmployeeRecords} to skip those instead).
   */
  async listEmployees(options: ListEmployeesOptions = {}): Promise<Employee[]> {
    const pages = await this.fetchAll(options);
    const bad = pages.flatMap((page) => page.skipped)[0];
    if (bad !== undefined) throw bad.error;
    return assemble(pages, this.pageSize).employees;
  }

  /**
   * Every employee, in Personio's order, except those whose record has a field that cannot be read: those are
   * listed in `skipped` by id and field. Anything else that is wrong fails the listing, as in {@link listEmployees}.
   */
  async listEmployeeRecords(options: ListEmployeesOptions = {}): Promise<EmployeeListing> {
    return assemble(await this.fetchAll(options), this.pageSize);
  }

  private async fetchAll(options: ListEmployeesOptions): Promise<Page[]> {
    const first = await this.fetchPage(0, options.attributes, options.signal);
    const offsets: number[] = [];
    for (let offset = this.pageSize; offset < first.total; offset += this.pageSize) offsets.push(offset);
    const rest = await mapConcurrent(
      offsets,
      this.concurrency,
      (offset, signal) => this.fetchPage(offset, options.attributes, signal),
      options.signal,
    );
    return [first, ...rest];
  }

  /** The attribute keys these credentials may read, custom `dynamic_*` ones included. */
  async listAttributes(signal?: AbortSignal): Promise<AttributeDefinition[]> {
    const target: RequestTarget = { method: "GET", path: `${EMPLOYEES_PATH}/attributes` };
    const body = await execute(this.deps, target, { method: "GET", url: target.path }, this.headers, signal);
    return parseBody(target, body, AttributesResponseSchema).data;
  }

  /**
   * Sets one custom attribute of one employee (`PATCH /v1/company/employees/{id}` with
   * `{"employee":{"custom_attributes":{"dynamic_<n>": value}}}`), paced and retried like reads. Throws a
   * {@link PersonioError} naming the request (the employee id), never the value: 403 for missing write
   * permission, 404 for an unknown employee, 422 for an unknown attribute.
   */
  async updateCustomAttribute(
    employeeId: number,
    key: string,
    value: string,
    signal?: AbortSignal,
  ): Promise<void> {
    if (!/^dynamic_\d+$/.test(key)) {
      throw new RangeError(`Invalid custom attribute key: ${JSON.stringify(key)}. Allowed: dynamic_<n>.`);
    }
    const target: RequestTarget = { method: "PATCH", path: `${EMPLOYEES_PATH}/${employeeId}` };
    const body = { employee: { custom_attributes: { [key]: value } } };
    const headers = { ...this.headers, "Content-Type": "application/json" };
    const response = await execute(
      this.deps,
      target,
      { method: "PATCH", url: target.path, body },
      headers,
      signal,
    );
    parseBody(target, response, EmployeeUpdatedSchema);
  }

  private async fetchPage(
    offset: number,
    attributes: readonly string[] | undefined,
    signal?: AbortSignal,
  ): Promise<Page> {
    const target = { method: "GET", path: EMPLOYEES_PATH, offset };
    const query = [`limit=${this.pageSize}`, `offset=${offset}`];
    for (const key of attributes ?? []) query.push(`attributes[]=${encodeURIComponent(key)}`);
    const url = `${EMPLOYEES_PATH}?${query.join("&")}`;
    const body = await execute(this.deps, target, { method: "GET", url }, this.headers, signal);
    const page = parseBody(target, body, EmployeesPageSchema);
    if (page.offset !== undefined && page.offset !== offset) {
      throw new PersonioPayloadError(target, `offset: answered ${page.offset} for a request at ${offset}`);
    }
    return { target, total: page.metadata.total_elements, ...toEmployees(target, page.data) };
  }

  private async authenticate(
    deps: Omit<ExecutorDeps, "tokens" | "limiter">,
    options: PersonioClientOptions,
    signal: AbortSignal,
  ): Promise<{ token: string; expiresInSeconds: number }> {
    const target: RequestTarget = { method: "POST", path: "/v1/auth" };
    const body = { client_id: options.clientId, client_secret: options.clientSecret };
    const headers = { ...this.headers, "Content-Type": "application/json" };
    const request = { method: "POST", url: target.path, body } as const;
    const response = await execute(deps, target, request, headers, signal);
    const parsed = parseBody(target, response, AuthResponseSchema);
    return { token: parsed.data.token, expiresInSeconds: parsed.data.expires_in ?? 86_400 };
  }
}

function validateOptions(options: PersonioClientOptions): void {
  const fail = (field: string, value: unknown, allowed: string): never => {
    throw new RangeError(
      `Invalid Personio client option ${field}: ${JSON.stringify(value)}. Allowed: ${allowed}.`,
    );
  };
  if (!isBaseUrl(options.baseUrl)) fail("baseUrl", withoutCredentials(options.baseUrl), BASE_URL_ALLOWED);
  if (options.clientId.trim() === "") fail("clientId", options.clientId, "a non-empty API client id");
  if (options.clientSecret === "") fail("clientSecret", "", "a non-empty API client secret");
  if (!isAppId(options.appId)) fail("appId", options.appId, APP_ID_ALLOWED);
  const { pageSize, concurrency } = options;
  for (const key of ["timeoutMs", "deadlineMs"] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= NODE_TIMER_MAX_MS)) {
      fail(key, value, `whole milliseconds 1-${NODE_TIMER_MAX_MS}`);
    }
  }
  const { maxResponseBytes } = options;
  if (
    maxResponseBytes !== undefined &&
    !(Number.isInteger(maxResponseBytes) && maxResponseBytes >= 1 && maxResponseBytes <= MAX_RESPONSE_BYTES)
  ) {
    fail("maxResponseBytes", maxResponseBytes, `whole bytes 1-${MAX_RESPONSE_BYTES} (256 MB)`);
  }
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 100)) {
    fail("pageSize", pageSize, "a whole number 1-100");
  }
  if (
    concurrency !== undefined &&
    !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 100)
  ) {
    fail("concurrency", concurrency, "a whole number 1-100");
  }
}
