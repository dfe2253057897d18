import { PersonioClient, type PersonioClientOptions, type RequestEvent } from "../../src/personio";
import { generateCompany, type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox";

/** A sandbox and a client pointed at it, recording every attempt the client makes. */
export interface Harness {
  readonly sandbox: Sandbox;
  readonly client: PersonioClient;
  readonly events: RequestEvent[];
  /** Requests the sandbox received for a path. */
  requestsTo(path: string): Sandbox["requests"];
}

/** Fast retries so failure tests take milliseconds; the 429 floor stays Personio's 1 s unless overridden. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 } as const;

export async function startHarness(
  sandboxOptions: SandboxOptions & { count?: number },
  clientOptions: Partial<PersonioClientOptions> = {},
): Promise<Harness> {
  const { count, ...rest } = sandboxOptions;
  const sandbox = await startSandbox({
    ...rest,
    employees: rest.employees ?? (count === undefined ? undefined : generateCompany(count, 1)),
  });
  const events: RequestEvent[] = [];
  const client = new PersonioClient({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    appId: "PERSONIO_AZUREAD_TEST",
    retry: FAST_RETRY,
    rateLimit: false,
    onRequest: (event) => events.push(event),
    ...clientOptions,
  });
  return {
    sandbox,
    client,
    events,
    requestsTo: (path) => sandbox.requests.filter((r) => r.path === path),
  };
}

export const EMPLOYEES = "/v1/company/employees";
export const AUTH = "/v1/auth";

/** The error `promise` rejects with; fails the test when it resolves. */
export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to reject");
}

/** Resolves once `condition` holds, polling on the event loop (no wall-clock assertion). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
