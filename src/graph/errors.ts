const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Graph's own words: collections, properties, actions (`revokeSignInSessions`), `$batch`, `v1.0`. */
const WORD = /^(\$?[A-Za-z][A-Za-z.]*|v1\.0|beta)$/;
const CODE = /^[A-Za-z0-9_.-]{1,60}$/;

/**
 * A request path safe for a log line: from the version root on (a relative path is under `/v1.0`), no query
 * string (a `$filter` may quote a name), object ids kept, any other key — a UPN used as a user key, say —
 * replaced by `{key}`.
 * @example describePath("/users/anna@example.com?$select=id") === "/v1.0/users/{key}"
 */
export function describePath(pathOrUrl: string): string {
  let path: string;
  try {
    path = new URL(pathOrUrl).pathname;
  } catch {
    path = `/v1.0/${(pathOrUrl.split(/[?#]/)[0] ?? "").replace(/^\/+/, "")}`;
  }
  return path
    .split("/")
    .map((segment) => (segment === "" || GUID.test(segment) || WORD.test(segment) ? segment : "{key}"))
    .join("/");
}

/** Graph's error `code` from an error body (`{"error":{"code":"Authorization_RequestDenied",…}}`), if plain. */
export function graphErrorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | null | undefined)?.error?.code;
  return typeof code === "string" && CODE.test(code) ? code : undefined;
}

/** Graph answered with a status the client does not retry or no longer retries; one line, no body values. */
export class GraphRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly attempts: number,
  ) {
    const codeText = code === undefined ? "" : ` (${code})`;
    super(`Graph ${method} ${path} failed: HTTP ${status}${codeText} after ${attempts} attempt(s)`);
  }
}

/**
 * No answer: the caller aborted (`ABORTED`), the deadline passed (`ETIMEDOUT`), the network failed, or no
 * token could be had (`TOKEN`). Carries a code and the path, never the underlying error's text.
 */
export class GraphTransportError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly code: string,
    readonly detail?: string,
  ) {
    super(`Graph ${method} ${path} failed: ${code}${detail === undefined ? "" : ` (${detail})`}`);
  }
}

/** A 2xx answer whose body is not what Graph documents; names the path and the first issue's field. */
export class GraphPayloadError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`Graph GET ${path}: unexpected answer: ${detail}`);
  }
}
