import fc from "fast-check";
import type { ExistingAccount, LoginPart, LoginSchema } from "../../src/config/types";
import type { Employee } from "../../src/personio/employee";
import { render, type RenderResult } from "../../src/render";
import { account, config, employee, TODAY } from "./fixtures";

const NAMES = [
  "Anna",
  "Thomas",
  "Schmidt",
  "Müller",
  "Änne",
  "Strauß",
  "José",
  "Łukasz",
  "Żółć",
  "Иван",
  "Δημήτρης",
  "O’Brien",
  "van der Berg",
  "Schulz-Meyer",
  "北京",
  "J.",
  "..",
  "-",
  "①",
  "x".repeat(70),
  `${"y".repeat(62)}.z`,
];

/** Mostly names from a small pool, so that duplicates are common; sometimes arbitrary Unicode. */
const name = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
);

/** Few distinct instants, so that ties in createdAt are common too. */
const createdAt = fc.option(
  fc.oneof(
    fc.constantFrom("2020-01-01T00:00:00.000Z", "2021-06-15T08:30:00.000Z"),
    fc
      .date({ min: new Date("2000-01-01"), max: new Date("2030-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString()),
  ),
  { nil: null },
);

const employees = fc
  .uniqueArray(
    fc.record({
      id: fc.integer({ min: 1, max: 15 }),
      first: name,
      last: name,
      createdAt,
      terminationDate: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom("2026-11-25", "2026-11-26", "2026-11-27", "2019-03-31") },
      ),
    }),
    { selector: (fields) => fields.id, maxLength: 40 },
  )
  .map((list) => list.map(({ id, ...fields }) => employee(id, fields)));

const part = fc.record({
  attribute: fc.constantFrom("first_name", "last_name"),
  use: fc.constantFrom<LoginPart["use"]>("entire", "first_letter"),
});
const schema: fc.Arbitrary<LoginSchema> = fc.record({
  beginning: part,
  separator: fc.constantFrom<LoginSchema["separator"]>(".", "-", "_", ""),
  end: fc.option(part, { nil: null }),
  domain: fc.constant("example.com"),
});

/**
 * A tenant: distinct object ids and UPNs; some carry employee ids or an employee's e-mail as UPN (adoption),
 * some hold likely login names (collisions).
 */
const accounts = fc
  .uniqueArray(
    fc.record({
      local: fc.oneof(
        fc.constantFrom("anna.schmidt", "thomas.mueller", "anna", "a.mueller", "lukasz.zolc", "x", "ivan_7"),
        fc.integer({ min: 1, max: 15 }).map((id) => `employee${id}`), // an employee's e-mail: adoption
      ),
      employeeId: fc.option(fc.integer({ min: 1, max: 15 }).map(String), { nil: null, freq: 2 }),
    }),
    { selector: (fields) => fields.local, maxLength: 8 },
  )
  .map((list) =>
    list.map((fields, index) => account(`obj-${index}`, `${fields.local}@example.com`, fields.employeeId)),
  );

function renderAll(
  list: readonly Employee[],
  loginSchema: LoginSchema,
  tenant: readonly ExistingAccount[],
  followRenames = false,
) {
  return render({
    employees: list,
    config: config({ loginSchema, followRenames }),
    today: TODAY,
    existingAccounts: tenant,
  });
}

const byEmployee = (result: RenderResult) =>
  Object.fromEntries(result.users.map((user) => [user.employeeId, user.userPrincipalName]));

const VALID = /^[a-z0-9._-]{1,64}@example\.com$/;

describe("rendering properties", () => {
  it("gives unique, valid login names, none held by an account that is not the user's", () => {
    fc.assert(
      fc.property(employees, schema, accounts, fc.boolean(), (list, loginSchema, tenant, followRenames) => {
        const result = renderAll(list, loginSchema, tenant, followRenames);
        const names = result.users.map((user) => user.userPrincipalName.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
        for (const user of result.users) {
          const local = user.userPrincipalName.slice(0, user.userPrincipalName.lastIndexOf("@"));
          // Only a new account gets an alias; an existing one keeps its own.
          expect(user.mailNickname).toBe(user.adoptedObjectId === undefined ? local : undefined);
          expect(user.userPrincipalName).toMatch(VALID);
          expect(local.startsWith(".") || local.endsWith(".") || local.includes("..")).toBe(false);
          const holder = tenant.find(
            (a) => a.userPrincipalName.toLowerCase() === user.userPrincipalName.toLowerCase(),
          );
          if (holder !== undefined) expect(user.adoptedObjectId).toBe(holder.id);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("accounts for every employee exactly once, as a user or skipped", () => {
    fc.assert(
      fc.property(employees, schema, accounts, (list, loginSchema, tenant) => {
        const result = renderAll(list, loginSchema, tenant);
        const seen = [...result.users, ...result.skipped].map((entry) => Number(entry.employeeId));
        expect(seen.sort((a, b) => a - b)).toEqual(list.map((e) => e.id).sort((a, b) => a - b));
      }),
    );
  });

  it("does not depend on the order of employees or accounts", () => {
    const inputs = fc
      .tuple(employees, schema, accounts, fc.boolean())
      .chain(([list, loginSchema, tenant, followRenames]) =>
        fc.tuple(
          fc.constant(list),
          fc.shuffledSubarray(list, { minLength: list.length }),
          fc.constant(loginSchema),
          fc.constant(tenant),
          fc.shuffledSubarray(tenant, { minLength: tenant.length }),
          fc.constant(followRenames),
        ),
      );
    fc.assert(
      fc.property(inputs, ([list, shuffled, loginSchema, tenant, shuffledTenant, followRenames]) => {
        const original = renderAll(list, loginSchema, tenant, followRenames);
        const reordered = renderAll(shuffled, loginSchema, shuffledTenant, followRenames);
        expect(byEmployee(reordered)).toEqual(byEmployee(original));
        expect(reordered).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });
});
