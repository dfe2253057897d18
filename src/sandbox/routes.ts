import { bearerToken, readCredentials, type TokenStore } from "./auth";
import { type EmployeeStore, parseListQuery } from "./employee-store";
import { DYNAMIC_KEY } from "./attributes";
import type { DeliveryFault, FaultState } from "./faults";
import type { SandboxCredentials } from "./types";

/** What the sandbox answers to one request. */
export type Reply =
  | {
      readonly kind: "json";
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Record<string, string>;
    }
  /** A body sent exactly as given: JSON text already serialised, or a replaced page that is not JSON. */
  | { readonly kind: "raw"; readonly status: number; readonly body: string }
  /** The connection is reset instead of answered. */
  | { readonly kind: "reset" }
  /** A body sent with its full Content-Length, slowly (trickle) or only its first half (truncate). */
  | {
      readonly kind: "delivery";
      readonly status: number;
      readonly body: string;
      readonly fault: DeliveryFault;
    };

/** One request, reduced to what routing needs. */
export interface Call {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
  /** Arrival, `performance.now()` ms. */
  readonly now: number;
}

/** The mutable state behind a sandbox's endpoints. */
export interface SandboxState {
  readonly credentials: SandboxCredentials;
  /** The attribute keys the credentials may read, `id` included; undefined: all. */
  readonly readable?: ReadonlySet<string> | undefined;
  readonly tokenTtlSeconds: number;
  readonly tokens: TokenStore;
  readonly employees: EmployeeStore;
  faults: FaultState;
}

/** Paths as Personio serves them under its `https://api.personio.de` base URL. */
export const AUTH_PATH = "/v1/auth";
export const EMPLOYEES_PATH = "/v1/company/employees";
const ATTRIBUTE_PATHS = new Set([
  "/v1/company/employees/attributes",
  "/v1/company/employees/custom-attributes",
]);

/** Personio's error body: `{success: false, error: {code, message}}`. */
export function personioError(status: number, message: string, headers?: Record<string, string>): Reply {
  return { kind: "json", status, body: { success: false, error: { code: status, message } }, headers };
}

/** `PATCH /v1/company/employees/{id}`: the id as Personio routes it, digits only. */
const EMPLOYEE_PATH = /^\/v1\/company\/employees\/(\d{1,15})$/;

/** Answers one call as Personio's v1 API would, faults included. */
export function route(state: SandboxState, call: Call): Reply {
  const allowed =
    call.path === AUTH_PATH
      ? "POST"
      : isEmployeesPath(call.path)
        ? "GET"
        : EMPLOYEE_PATH.test(call.path)
          ? "PATCH"
          : undefined;
  if (allowed === undefined) return personioError(404, `Not found: ${call.method} ${call.path}`);
  if (call.method !== allowed) {
    return personioError(405, `Method ${call.method} is not allowed on ${call.path}`, { Allow: allowed });
  }
  if (call.path === AUTH_PATH) return authenticate(state, call);
  const token = bearerToken(call.authorization);
  if (token === undefined) return personioError(401, "Authorization is not provided");
  if (!state.tokens.isValid(token, call.now)) {
    return personioError(401, "Provided authorization is not valid");
  }
  if (allowed === "PATCH") return updateEmployee(state, call);
  if (ATTRIBUTE_PATHS.has(call.path)) {
    return {
      kind: "json",
      status: 200,
      body: {
        success: true,
        data: state.employees.attributeDefinitions().filter((d) => state.readable?.has(d.key) ?? true),
      },
    };
  }
  return listEmployees(state, call);
}

function isEmployeesPath(path: string): boolean {
  return path === EMPLOYEES_PATH || ATTRIBUTE_PATHS.has(path);
}

function authenticate(state: SandboxState, call: Call): Reply {
  const given = readCredentials(call.body, call.contentType);
  const { clientId, clientSecret } = state.credentials;
  if (
    state.faults.plan.rejectCredentials ||
    given?.clientId !== clientId ||
    given.clientSecret !== clientSecret
  ) {
    return personioError(401, "Wrong credentials: the client id or secret is invalid");
  }
  const token = state.tokens.issue(state.tokenTtlSeconds, call.now);
  return {
    kind: "json",
    status: 200,
    body: { success: true, data: { token, expires_in: state.tokenTtlSeconds, scope: "employees:read" } },
  };
}

function throttled(state: SandboxState, call: Call): Reply | undefined {
  const throttled = state.faults.throttle(call.now);
  if (throttled === undefined) return undefined;
  const retryAfter = throttled.retryAfterSeconds;
  return personioError(
    429,
    "Too many requests: the rate limit is exceeded, retry later",
    retryAfter === undefined ? undefined : { "Retry-After": String(retryAfter) },
  );
}

function listEmployees(state: SandboxState, call: Call): Reply {
  const refused = throttled(state, call);
  if (refused !== undefined) return refused;
  const asked = parseListQuery(call.query);
  if (typeof asked === "string") return personioError(400, asked);
  const readable = state.readable;
  const query =
    readable === undefined
      ? asked
      : { ...asked, attributes: (asked.attributes ?? [...readable]).filter((key) => readable.has(key)) };
  const fault = state.faults.atOffset(query.offset);
  if (fault?.kind === "reset") return fault;
  if (fault?.kind === "error") {
    return personioError(fault.status, `Internal error (injected) at offset ${query.offset}`);
  }
  const body =
    fault?.kind === "replace"
      ? typeof fault.body === "string"
        ? fault.body
        : JSON.stringify(fault.body)
      : state.employees.page(query);
  const change = state.faults.takeTotalChange();
  if (change !== 0) state.employees.changeTotal(change);
  const delivery = state.faults.delivery(query.offset);
  return delivery === undefined
    ? { kind: "raw", status: 200, body }
    : { kind: "delivery", status: 200, body, fault: delivery };
}

/**
 * `PATCH /v1/company/employees/{id}` as Personio answers it for custom attributes: 404 for an unknown employee,
 * 422 for an attribute it does not know or a value that is not text, else the values are set (the next listing
 * shows them) and `{success, data: {id}, meta}` answered. Fields other than `custom_attributes` are ignored and
 * named in `meta`, as Personio does for fields it cannot update.
 */
function updateEmployee(state: SandboxState, call: Call): Reply {
  const refused = throttled(state, call);
  if (refused !== undefined) return refused;
  const id = Number(EMPLOYEE_PATH.exec(call.path)?.[1]);
  const injected = state.faults.atPatch(id);
  if (injected !== undefined) return personioError(injected, `Error (injected) updating employee ${id}`);
  const employee = readUpdate(call);
  if (typeof employee === "string") return personioError(400, employee);
  if (!state.employees.has(id)) return personioError(404, "Employee not found");
  const custom = employee["custom_attributes"] ?? {};
  if (typeof custom !== "object" || custom === null || Array.isArray(custom)) {
    return personioError(422, "custom_attributes must be an object of dynamic_<n> keys");
  }
  const known = new Set(state.employees.attributeDefinitions().map((d) => d.key));
  const values = Object.entries(custom as Record<string, unknown>);
  for (const [key, value] of values) {
    if (!DYNAMIC_KEY.test(key) || !known.has(key)) return personioError(422, `Unknown attribute: ${key}`);
    if (typeof value !== "string") return personioError(422, `Invalid value for attribute ${key}`);
  }
  if (values.length > 0) state.employees.update(id, Object.fromEntries(values));
  const ignored = Object.keys(employee).filter((key) => key !== "custom_attributes");
  return {
    kind: "json",
    status: 200,
    body: { success: true, data: { id }, meta: ignored.map((key) => `${key} was not updated`) },
  };
}

/** The `employee` object of a JSON update body, or the message of a 400. */
function readUpdate(call: Call): Record<string, unknown> | string {
  if (!(call.contentType ?? "").toLowerCase().startsWith("application/json")) {
    return "Unsupported content type: send application/json";
  }
  let body: unknown;
  try {
    body = JSON.parse(call.body);
  } catch {
    return "The request body is not JSON";
  }
  const employee = (body as { employee?: unknown } | null)?.employee;
  if (typeof employee !== "object" || employee === null || Array.isArray(employee)) {
    return 'The request body needs an "employee" object';
  }
  return employee as Record<string, unknown>;
}
