import type { Call, Reply, SandboxState } from "./routes";

/** `POST /sandbox/employees/{id}`: the sandbox's own way to change an employee, as HR would in Personio's UI. */
export const CONTROL_PATH = /^\/sandbox\/employees\/(\d{1,15})$/;

/**
 * Sets attribute values of one employee from a JSON object (`{"position": "CTO", "termination_date":
 * "2026-12-31"}`), as the next listing shows them and firing the webhooks Personio would: 404 for an unknown
 * employee, 422 for a key the company has no attribute for (or `id`), 400 for a body that is not a JSON object.
 * No token: the sandbox listens on 127.0.0.1 only.
 */
export function controlRoute(state: SandboxState, call: Call): Reply {
  const match = CONTROL_PATH.exec(call.path);
  if (match === null) return error(404, `Not found: ${call.method} ${call.path}`);
  if (call.method !== "POST") {
    return error(405, `Method ${call.method} is not allowed on ${call.path}`, { Allow: "POST" });
  }
  const id = Number(match[1]);
  let values: unknown;
  try {
    values = JSON.parse(call.body);
  } catch {
    values = undefined;
  }
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    return error(400, 'The request body must be a JSON object of attribute values, e.g. {"position": "CTO"}');
  }
  if (!state.employees.has(id)) return error(404, `Employee not found: ${id}`);
  const known = new Set(state.employees.attributeDefinitions().map((d) => d.key));
  const unknown = Object.keys(values).find((key) => key === "id" || !known.has(key));
  if (unknown !== undefined) {
    return error(
      422,
      `Unknown attribute: ${unknown}. Allowed: ${[...known].filter((k) => k !== "id").join(", ")}`,
    );
  }
  state.employees.update(id, values as Record<string, unknown>);
  return { kind: "json", status: 200, body: { success: true, data: { id } } };
}

function error(status: number, message: string, headers?: Record<string, string>): Reply {
  return { kind: "json", status, body: { success: false, error: { code: status, message } }, headers };
}
