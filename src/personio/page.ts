import type { z } from "zod";
import type { Employee } from "./employee";
import { PersonioConsistencyError, PersonioPayloadError, type RequestTarget } from "./errors";
import { FieldError, normalizeEmployee } from "./normalize";

/** An employee left out of a listing because one field of its record has no shape Personio documents. */
export interface SkippedRecord {
  readonly employeeId: number;
  /** The attribute key that could not be read; its value is never kept (it may be personal). */
  readonly field: string;
}

/** A listing: the employees that could be read and those whose record was skipped. */
export interface EmployeeListing {
  readonly employees: Employee[];
  readonly skipped: SkippedRecord[];
}

/** One page of the employee listing, validated and normalised. */
export interface Page {
  readonly target: RequestTarget & { readonly offset: number };
  readonly total: number;
  readonly employees: readonly Employee[];
  /** Records with a known id and one unreadable field, each with the error a strict listing throws. */
  readonly skipped: readonly (SkippedRecord & { readonly error: PersonioPayloadError })[];
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

/**
 * Normalises the items of a page. An item whose id is readable but one of whose fields is not is set aside in
 * `skipped` (with the error naming its id and field); an item without a readable id fails the page.
 */
export function toEmployees(
  target: RequestTarget,
  items: readonly unknown[],
): Pick<Page, "employees" | "skipped"> {
  const employees: Employee[] = [];
  const skipped: (SkippedRecord & { error: PersonioPayloadError })[] = [];
  items.forEach((item, index) => {
    try {
      employees.push(normalizeEmployee(item));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      const detail = error.employeeId === undefined ? `item ${index}: ${error.message}` : error.message;
      const failure = new PersonioPayloadError(target, detail, error.employeeId, error.field);
      if (error.employeeId === undefined || error.field === "id") throw failure;
      skipped.push({ employeeId: error.employeeId, field: error.field, error: failure });
    }
  });
  return { employees, skipped };
}

/**
 * Joins pages into one listing, or fails: every page must report the same total, hold exactly the records its
 * offset implies (skipped ones included), and every employee must appear once. A partial list would make missing
 * people look like leavers.
 */
export function assemble(pages: readonly Page[], pageSize: number): EmployeeListing {
  const first = pages[0];
  if (first === undefined) return { employees: [], skipped: [] };
  const seen = new Map<number, number>();
  const employees: Employee[] = [];
  const skipped: SkippedRecord[] = [];
  for (const page of pages) {
    if (page.total !== first.total) {
      throw new PersonioConsistencyError(
        page.target,
        `total_elements changed from ${first.total} to ${page.total} during the listing`,
      );
    }
    const expected = Math.max(0, Math.min(pageSize, page.total - page.target.offset));
    const held = page.employees.length + page.skipped.length;
    if (held !== expected) {
      throw new PersonioConsistencyError(
        page.target,
        `page holds ${held} employees, expected ${expected} of ${page.total}`,
      );
    }
    const ids = [...page.employees.map((e) => e.id), ...page.skipped.map((s) => s.employeeId)];
    for (const id of ids) {
      const previous = seen.get(id);
      if (previous !== undefined) {
        throw new PersonioConsistencyError(
          page.target,
          `employee ${id} appears twice (also at offset ${previous})`,
        );
      }
      seen.set(id, page.target.offset);
    }
    employees.push(...page.employees);
    skipped.push(...page.skipped.map(({ employeeId, field }) => ({ employeeId, field })));
  }
  return { employees, skipped };
}
