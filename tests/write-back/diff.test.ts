import { planWriteBack } from "../../src/write-back";
import { employee } from "../render/fixtures";

const ATTRIBUTE = "dynamic_40001";
const withLogin = (id: number, login?: string | null) =>
  employee(id, { attributes: login === undefined ? {} : { [ATTRIBUTE]: login } });

describe("planWriteBack", () => {
  it("writes only where the attribute differs from the account's UPN, in id order", () => {
    const employees = [
      withLogin(3, "old.name@contoso.com"),
      withLogin(1, null),
      withLogin(2, "user2@contoso.com"),
      withLogin(4, ""),
      withLogin(5),
    ];
    const upns = new Map([
      ["1", "user1@contoso.com"],
      ["2", "user2@contoso.com"],
      ["3", "user3@contoso.com"],
      ["4", "user4@contoso.com"],
      ["5", "user5@contoso.com"],
    ]);
    expect(planWriteBack(employees, upns, ATTRIBUTE)).toEqual([
      { employeeId: 1, value: "user1@contoso.com", current: null },
      { employeeId: 3, value: "user3@contoso.com", current: "old.name@contoso.com" },
      { employeeId: 4, value: "user4@contoso.com", current: null },
      { employeeId: 5, value: "user5@contoso.com", current: null },
    ]);
  });

  it("writes nothing for an employee without a managed account, nor for an account no longer listed", () => {
    const upns = new Map([["9", "user9@contoso.com"]]);
    expect(planWriteBack([withLogin(1, null), withLogin(2, null)], upns, ATTRIBUTE)).toEqual([]);
  });

  it("compares exactly: a value differing in case is rewritten", () => {
    const upns = new Map([["1", "user1@contoso.com"]]);
    expect(planWriteBack([withLogin(1, "User1@contoso.com")], upns, ATTRIBUTE)).toEqual([
      { employeeId: 1, value: "user1@contoso.com", current: "User1@contoso.com" },
    ]);
  });
});
