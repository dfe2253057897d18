/** The request an error belongs to, without credentials: `GET /v1/company/employees offset=200`. */
export interface RequestTarget {
  readonly method: string;
  readonly path: string;
  readonly offset?: number;
}

/** Renders a request target for messages; query values other than the offset are never shown. */
export function describeTarget(target: RequestTarget): string {
  const offset = target.offset === undefined ? "" : ` offset=${target.offset}`;
  return `${target.method} ${target.path}${offset}`;
}

/** Base class of every Personio failure; the message names the request and never holds secrets or personal data. */
export class PersonioError extends Error {
  override readonly name: string = "PersonioError";
  constructor(
    readonly target: RequestTarget,
    detail: string,
  ) {
    super(`Personio ${describeTarget(target)}: ${detail}`);
  }
}

/** The request could not be completed: HTTP 429/5xx, timeout or connection failure, after every retry. */
export class PersonioTransportError extends PersonioError {
  override readonly name = "PersonioTransportError";
  constructor(
    target: RequestTarget,
    detail: string,
    /** HTTP status of the last attempt, when one was received. */
    readonly status: number | undefined,
    /** Attempts made, the first included. */
    readonly attempts: number,
  ) {
    super(target, `${detail} (after ${attempts} attempt${attempts === 1 ? "" : "s"})`);
  }
}

/** Personio refused the credentials or the token (401/403); never retried beyond one re-authentication. */
export class PersonioAuthError extends PersonioError {
  override readonly name = "PersonioAuthError";
  constructor(
    target: RequestTarget,
    detail: string,
    readonly status: number,
  ) {
    super(target, detail);
  }
}

/** Personio answered with a status the client does not retry (400, 404, ...). */
export class PersonioRequestError extends PersonioError {
  override readonly name = "PersonioRequestError";
  constructor(
    target: RequestTarget,
    detail: string,
    readonly status: number,
  ) {
    super(target, detail);
  }
}

/** A response body that does not match what Personio documents; names the employee id and field when known. */
export class PersonioPayloadError extends PersonioError {
  override readonly name = "PersonioPayloadError";
  constructor(
    target: RequestTarget,
    detail: string,
    readonly employeeId?: number,
    readonly field?: string,
  ) {
    super(target, payloadDetail(detail, employeeId, field));
  }
}

/**
 * A response body over the client's `maxResponseBytes`, cut off while it streamed in: not malformed, just more
 * than a Personio page can be; never retried (the same request brings the same body).
 */
export class PersonioResponseTooLargeError extends PersonioError {
  override readonly name = "PersonioResponseTooLargeError";
  constructor(
    target: RequestTarget,
    detail: string,
    /** The limit that was passed, in bytes. */
    readonly limitBytes: number,
  ) {
    super(target, detail);
  }
}

/** Pages that do not add up to one consistent listing: a changed total, a duplicated or missing employee. */
export class PersonioConsistencyError extends PersonioError {
  override readonly name = "PersonioConsistencyError";
}

function payloadDetail(detail: string, employeeId: number | undefined, field: string | undefined): string {
  const where = [
    employeeId === undefined ? undefined : `employee ${employeeId}`,
    field === undefined ? undefined : `field ${field}`,
  ].filter((part): part is string => part !== undefined);
  return where.length === 0
    ? `malformed payload: ${detail}`
    : `malformed payload at ${where.join(", ")}: ${detail}`;
}
