import { FieldError, normalizeEmployee } from "../../src/personio/normalize";

/** A Personio item from plain values, as the API wraps them: `{label, value, type, universal_id}`. */
function item(values: Record<string, unknown>, options: { bare?: string[] } = {}): unknown {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    attributes[key] = options.bare?.includes(key)
      ? { label: key, value }
      : { label: key, value, type: "standard", universal_id: key };
  }
  return { type: "Employee", attributes };
}

const relation = (type: string, id: number, name: string): unknown => ({ type, attributes: { id, name } });

describe("normalizeEmployee", () => {
  it("maps a full Personio item to a typed employee", () => {
    const employee = normalizeEmployee(
      item({
        id: 101,
        first_name: " Anna ",
        last_name: "Müller",
        email: "anna.mueller@contoso.com",
        status: "active",
        hire_date: "2020-01-12T00:00:00+01:00",
        termination_date: "2026-09-30T00:00:00+0200",
        last_working_day: "2026-09-30",
        created_at: "2019-12-01T09:00:00+01:00",
        department: relation("Department", 7, "Engineering"),
        office: relation("Office", 8, "Berlin"),
        team: [],
        subcompany: relation("Subcompany", 9, "Contoso GmbH"),
        supervisor: { type: "Employee", attributes: { id: { label: "ID", value: 3 } } },
        cost_centers: [{ type: "CostCenter", attributes: { id: 5, name: "CC-100", percentage: 100 } }],
        position: "Engineer",
        dynamic_27163: "+49 151 0000000",
        dynamic_4: 42,
        dynamic_5: ["English", "German"],
        weekly_working_hours: "40",
      }),
    );
    expect(employee).toEqual({
      id: 101,
      firstName: "Anna",
      lastName: "Müller",
      email: "anna.mueller@contoso.com",
      status: "active",
      hireDate: "2020-01-12",
      terminationDate: "2026-09-30",
      lastWorkingDay: "2026-09-30",
      createdAt: "2019-12-01T08:00:00.000Z",
      department: "Engineering",
      office: "Berlin",
      team: null,
      subcompany: "Contoso GmbH",
      supervisorId: 3,
      costCenters: [{ id: 5, name: "CC-100", percentage: 100 }],
      attributes: {
        id: 101,
        first_name: "Anna",
        last_name: "Müller",
        email: "anna.mueller@contoso.com",
        status: "active",
        hire_date: "2020-01-12",
        termination_date: "2026-09-30",
        last_working_day: "2026-09-30",
        created_at: "2019-12-01T08:00:00.000Z",
        department: "Engineering",
        office: "Berlin",
        team: null,
        subcompany: "Contoso GmbH",
        supervisor: 3,
        cost_centers: ["CC-100"],
        position: "Engineer",
        dynamic_27163: "+49 151 0000000",
        dynamic_4: 42,
        dynamic_5: ["English", "German"],
        weekly_working_hours: "40",
      },
    });
  });

  it("keeps absent attributes absent and empty ones null", () => {
    const employee = normalizeEmployee(item({ id: "7", first_name: "", email: null }));
    expect(employee.id).toBe(7);
    expect(employee.firstName).toBeNull();
    expect(employee.lastName).toBeNull();
    expect(employee.attributes).toEqual({ id: 7, first_name: null, email: null });
    expect("last_name" in employee.attributes).toBe(false);
  });

  it.each([
    ["missing type and universal_id", item({ id: 1, position: "CTO" }, { bare: ["id", "position"] })],
    ["a relation sent as []", item({ id: 1, department: [] })],
    ["a relation sent as null", item({ id: 1, office: null })],
    ["cost centers sent as null", item({ id: 1, cost_centers: null })],
    ["a supervisor sent as []", item({ id: 1, supervisor: [] })],
  ])("is lenient with %s", (_case, raw) => {
    expect(normalizeEmployee(raw).id).toBe(1);
  });

  it("reads a custom date attribute as a calendar date", () => {
    const raw = {
      type: "Employee",
      attributes: {
        id: { label: "ID", value: 1 },
        dynamic_9: { label: "Start", value: "2026-03-01T00:00:00+0100", type: "date" },
      },
    };
    expect(normalizeEmployee(raw).attributes["dynamic_9"]).toBe("2026-03-01");
  });

  it.each([
    [
      "a missing id",
      item({ first_name: "A" }),
      "id",
      undefined,
      "expected a positive whole number, got none",
    ],
    ["a non-numeric id", item({ id: "12a" }), "id", undefined, 'expected a positive whole number, got "12a"'],
    ["a zero id", item({ id: 0 }), "id", undefined, 'expected a positive whole number, got "0"'],
    [
      "a malformed termination date",
      item({ id: 5, termination_date: "30.09.2026" }),
      "termination_date",
      5,
      "expected YYYY-MM-DD or a date-time with offset, got a string of 10 characters",
    ],
    [
      "a malformed created_at",
      item({ id: 5, created_at: "2019-12-01" }),
      "created_at",
      5,
      "expected a date-time with offset, got a string of 10 characters",
    ],
    [
      "a relation without a name",
      item({ id: 5, department: { type: "Department", attributes: { id: 3 } } }),
      "department",
      5,
      "expected {attributes: {name}}, got an object",
    ],
    [
      "a supervisor without an id",
      item({ id: 5, supervisor: { type: "Employee", attributes: {} } }),
      "supervisor",
      5,
      "expected an Employee with a numeric id, got an object",
    ],
    [
      "an attribute that is not {label, value}",
      { attributes: { id: { value: 5 }, email: "x" } },
      "email",
      5,
      "expected {label, value}, got a string of 1 characters",
    ],
  ])("fails on %s, naming the id and field", (_case, raw, field, employeeId, message) => {
    let caught: unknown;
    try {
      normalizeEmployee(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FieldError);
    expect(caught).toMatchObject({ field, employeeId, message });
  });
});
