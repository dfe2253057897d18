import type { z } from "zod";
import type { Employee } from "./employee";
import { PersonioConsistencyError, PersonioPayloadError, type RequestTarget } from "./errors";
import { FieldError, normalizeEmployee } from "./normalize";

/** One page of the employee listing, validated and normalised. */
export interface Page {
  readonly target: RequestTarget & { readonly offset: number };
  readonly total: number;
  readonly employees: readonly Employee[];
}

/** Parses a body as JSON and validates it with `schema`; failures name the request, never the values. */
export function parseBody<S extends z.ZodType>(target: RequestTarget, body: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PersonioPayloadError(target, "response is not JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined || issue.path.length === 0 ? "(root)" : issue.path.join(".");
    throw new PersonioPayloadError(target, `${path}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** Normalises the items of a page; the first bad item fails the page, naming its employee id and field. */
export function toEmployees(target: RequestTarget, items: readonly unknown[]): Employee[] {
  return items.map((item, index) => {
    try {
      return normalizeEmployee(item);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      const detail = error.employeeId === undefined ? `item ${index}: ${error.message}` : error.message;
      throw new PersonioPayloadError(target, detail, error.employeeId, error.field);
    }
  });
}

/**
 * Joins pages into one listing, or fails: every page must report the same total, hold exactly the records its
 * offset implies, and every employee must appear once. A partial list would make missing people look like leavers.
 */
export function assemble(pages: readonly Page[], pageSize: number): Employee[] {
  const first = pages[0];
  if (first === undefined) return [];
  const seen = new Map<number, number>();
  const employees: Employee[] = [];
  for (const page of pages) {
    if (page.total !== first.total) {
      throw new PersonioConsistencyError(
        page.target,
        `total_elements changed from ${first.total} to ${page.total} during the listing`,
      );
    }
    const expected = Math.max(0, Math.min(pageSize, page.total - page.target.offset));
    if (page.employees.length !== expected) {
      throw new PersonioConsistencyError(
        page.target,
        `page holds ${page.employees.length} employees, expected ${expected} of ${page.total}`,
      );
    }
    for (const employee of page.employees) {
      const previous = seen.get(employee.id);
      if (previous !== undefined) {
        throw new PersonioConsistencyError(
          page.target,
          `employee ${employee.id} appears twice (also at offset ${previous})`,
        );
      }
      seen.set(employee.id, page.target.offset);
      employees.push(employee);
    }
  }
  return employees;
}
