import { withUnreadableRecords } from "../../src/plan/unreadable-records";
import type { RenderResult } from "../../src/render";

const result: RenderResult = {
  users: [],
  skipped: [
    { employeeId: "5", reason: "invalid_login_name" },
    { employeeId: "120", reason: "missing_required_attribute", attribute: "last_name" },
  ],
  warnings: [],
  events: [],
  rehires: [],
};

describe("withUnreadableRecords", () => {
  it("lists each unreadable record among the skipped employees, by numeric id, naming the field", () => {
    const skipped = withUnreadableRecords(result, [
      { employeeId: 108, field: "termination_date" },
      { employeeId: 2, field: "hire_date" },
    ]).skipped;
    expect(skipped).toStrictEqual([
      { employeeId: "2", reason: "unreadable_record", attribute: "hire_date" },
      { employeeId: "5", reason: "invalid_login_name" },
      { employeeId: "108", reason: "unreadable_record", attribute: "termination_date" },
      { employeeId: "120", reason: "missing_required_attribute", attribute: "last_name" },
    ]);
  });

  it("returns the result itself when every record was read", () => {
    expect(withUnreadableRecords(result, [])).toBe(result);
  });
});
