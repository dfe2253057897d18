import { generateCompany, type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox";

/** Shared by the sandbox's HTTP tests: real requests with Node's fetch. */
export const EMPLOYEES = "/v1/company/employees";

/**
 * Registers an afterEach that closes every sandbox a test started, and returns the starter; sandboxes default
 * to a generated company of 250.
 */
export function useSandboxes(): (options?: SandboxOptions) => Promise<Sandbox> {
  const running: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });
  return async (options = {}) => {
    const sandbox = await startSandbox({ employees: generateCompany(250, 1), ...options });
    running.push(sandbox);
    return sandbox;
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // Bodies are checked whole with toEqual; a type per answer would repeat every assertion.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** One request; the body is parsed as JSON. */
export async function call(s: Sandbox, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${s.baseUrl}${path}`, init);
  return { status: response.status, headers: response.headers, body: JSON.parse(await response.text()) };
}

/** `POST /v1/auth` with JSON credentials, the sandbox's own by default. */
export function authenticate(
  s: Sandbox,
  clientId = s.credentials.clientId,
  clientSecret = s.credentials.clientSecret,
): Promise<Answer> {
  return call(s, "/v1/auth", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_id: clientId, client_secret: clientSecret }),
  });
}

/** A fresh token. */
export async function login(s: Sandbox): Promise<string> {
  return ((await authenticate(s)).body as { data: { token: string } }).data.token;
}

/** An authenticated GET, sending an app id as Personio asks clients to. */
export function get(s: Sandbox, path: string, token: string): Promise<Answer> {
  return call(s, path, {
    headers: { Authorization: `Bearer ${token}`, "X-Personio-App-ID": "SANDBOX_TEST" },
  });
}

/** The employee ids of a page answer. */
export const ids = (answer: Answer): number[] =>
  (answer.body.data as { attributes: { id: { value: number } } }[]).map((item) => item.attributes.id.value);
