/** The audience Entra ID's federated credentials expect from a GitHub Actions ID token. */
export const GITHUB_OIDC_AUDIENCE = "api://AzureADTokenExchange";

export interface GitHubIdTokenRequest {
  /** `ACTIONS_ID_TOKEN_REQUEST_URL`: already carries `?api-version=…`. */
  readonly requestUrl: string;
  /** `ACTIONS_ID_TOKEN_REQUEST_TOKEN`: a bearer token, never logged. */
  readonly requestToken: string;
  /** The whole exchange must finish within this; default 30 s. */
  readonly deadlineMs?: number;
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
}

/**
 * The job's GitHub OIDC ID token for {@link GITHUB_OIDC_AUDIENCE}, asked for anew on each call (it lives
 * minutes). Errors say the HTTP status or the failure kind, never the request token or the answer.
 */
export async function fetchGitHubIdToken(request: GitHubIdTokenRequest): Promise<string> {
  const { requestUrl, requestToken, deadlineMs = 30_000, signal, fetch: fetchImpl = fetch } = request;
  const url = new URL(requestUrl);
  url.searchParams.set("audience", GITHUB_OIDC_AUDIENCE);
  const deadline = AbortSignal.timeout(deadlineMs);
  const combined = signal === undefined ? deadline : AbortSignal.any([signal, deadline]);
  let value: unknown;
  try {
    const response = await fetchImpl(url, {
      headers: { Authorization: `Bearer ${requestToken}`, Accept: "application/json" },
      signal: combined,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new OidcError(`HTTP ${response.status}`);
    }
    value = ((await response.json()) as { value?: unknown } | null)?.value;
  } catch (error) {
    throw error instanceof OidcError ? error : failure(signal, deadline, deadlineMs);
  }
  if (typeof value !== "string" || value === "") {
    throw new OidcError("the answer has no string `value`");
  }
  return value;
}

/** The exchange failed; the message says how, never with the request token or the answer's text. */
class OidcError extends Error {
  constructor(detail: string) {
    super(`GitHub OIDC token request failed: ${detail}`);
  }
}

/** No answer: the caller's abort, the deadline, or the network (the fetch error's text is left out). */
function failure(signal: AbortSignal | undefined, deadline: AbortSignal, deadlineMs: number): OidcError {
  if (signal?.aborted) return new OidcError("aborted");
  return new OidcError(deadline.aborted ? `no answer within ${deadlineMs} ms` : "network error");
}
