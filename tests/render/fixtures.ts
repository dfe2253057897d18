import type { ExistingAccount, LoginSchema, RenderConfig } from "../../src/config/types";
import type { AttributeValue, Employee } from "../../src/personio/employee";
import { render, type RenderResult } from "../../src/render";

/** The fields a test sets on an employee; everything else gets a synthetic default. */
export interface EmployeeFields {
  readonly first?: string | null;
  readonly last?: string | null;
  readonly email?: string | null;
  readonly createdAt?: string | null;
  readonly terminationDate?: string | null;
  readonly hireDate?: string | null;
  readonly attributes?: Record<string, AttributeValue>;
}

/** A synthetic employee; typed fields and `attributes` agree, as the Personio normaliser makes them. */
export function employee(id: number, fields: EmployeeFields = {}): Employee {
  const firstName = fields.first === undefined ? "Alex" : fields.first;
  const lastName = fields.last === undefined ? `Tester${id}` : fields.last;
  const email = fields.email === undefined ? `employee${id}@example.com` : fields.email;
  const createdAt = fields.createdAt ?? null;
  const terminationDate = fields.terminationDate ?? null;
  const hireDate = fields.hireDate ?? null;
  return {
    id,
    firstName,
    lastName,
    email,
    status: "active",
    hireDate,
    terminationDate,
    lastWorkingDay: null,
    createdAt,
    department: null,
    office: null,
    team: null,
    subcompany: null,
    supervisorId: null,
    costCenters: [],
    attributes: {
      id,
      first_name: firstName,
      last_name: lastName,
      email,
      created_at: createdAt,
      termination_date: terminationDate,
      ...(hireDate === null ? {} : { hire_date: hireDate }),
      ...fields.attributes,
    },
  };
}

/** An account in the tenant. */
export function account(
  id: string,
  userPrincipalName: string,
  employeeId: string | null = null,
): ExistingAccount {
  return { id, userPrincipalName, mail: null, employeeId, accountEnabled: true };
}

/** first_name.last_name@example.com unless a test says otherwise. */
export const SCHEMA: LoginSchema = {
  beginning: { attribute: "first_name", use: "entire" },
  separator: ".",
  end: { attribute: "last_name", use: "entire" },
  domain: "example.com",
};

/** A render config with the default schema, no mapping, Berlin time and stable logins. */
export function config(overrides: Partial<RenderConfig> = {}): RenderConfig {
  return {
    loginSchema: SCHEMA,
    attributeMapping: {},
    timezone: "Europe/Berlin",
    followRenames: false,
    ...overrides,
  };
}

export const TODAY = "2026-11-26";

/** Renders with test defaults. */
export function renderWith(
  employees: readonly Employee[],
  options: { config?: Partial<RenderConfig>; accounts?: readonly ExistingAccount[]; today?: string } = {},
): RenderResult {
  return render({
    employees,
    config: config(options.config),
    today: options.today ?? TODAY,
    existingAccounts: options.accounts ?? [],
  });
}

/** employeeId → userPrincipalName of a result. */
export function upns(result: RenderResult): Record<string, string> {
  return Object.fromEntries(result.users.map((user) => [user.employeeId, user.userPrincipalName]));
}
