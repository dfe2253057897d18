import { declarationOrder } from "../../src/program/declaration-order";
import type { DesiredUser } from "../../src/render";

function user(employeeId: string, extra: Partial<DesiredUser> = {}): DesiredUser {
  return {
    employeeId,
    userPrincipalName: `u${employeeId}@contoso.com`,
    displayName: `U ${employeeId}`,
    givenName: "U",
    surname: employeeId,
    mailNickname: `u${employeeId}`,
    accountEnabled: true,
    ...extra,
  };
}

describe("declarationOrder", () => {
  it("declares a new manager before the accounts reporting to it", () => {
    const { declarations, dropped } = declarationOrder([
      user("1", { managerEmployeeId: "3" }),
      user("2"),
      user("3", { managerEmployeeId: "2" }),
    ]);
    expect(declarations.map((d) => [d.user.employeeId, d.manager])).toEqual([
      ["2", undefined],
      ["3", { kind: "declared", employeeId: "2" }],
      ["1", { kind: "declared", employeeId: "3" }],
    ]);
    expect(dropped).toEqual([]);
  });

  it("uses an adopted manager's object id, with no ordering constraint", () => {
    const { declarations } = declarationOrder([
      user("1", { managerEmployeeId: "2" }),
      user("2", { adoptedObjectId: "obj-2" }),
      user("3", { managerObjectId: "obj-9" }),
    ]);
    expect(declarations.map((d) => [d.user.employeeId, d.manager])).toEqual([
      ["1", { kind: "existing", objectId: "obj-2" }],
      ["2", undefined],
      ["3", { kind: "existing", objectId: "obj-9" }],
    ]);
  });

  it("breaks a supervisor loop among new accounts at its lowest id, keeping everyone else's manager", () => {
    const { declarations, dropped } = declarationOrder([
      user("1", { managerEmployeeId: "5" }),
      user("4", { managerEmployeeId: "5" }),
      user("5", { managerEmployeeId: "4" }),
    ]);
    expect(dropped).toEqual([{ employeeId: "4", managerEmployeeId: "5" }]);
    expect(declarations.map((d) => [d.user.employeeId, d.manager])).toEqual([
      ["4", undefined],
      ["5", { kind: "declared", employeeId: "4" }],
      ["1", { kind: "declared", employeeId: "5" }],
    ]);
  });

  it("declares every user exactly once", () => {
    const users = Array.from({ length: 500 }, (_, i) =>
      user(String(i + 1), { managerEmployeeId: String(((i * 7) % 500) + 1) }),
    );
    const { declarations } = declarationOrder(users);
    expect(declarations.map((d) => d.user.employeeId).sort()).toEqual(users.map((u) => u.employeeId).sort());
    const position = new Map(declarations.map((d, i) => [d.user.employeeId, i]));
    for (const d of declarations) {
      if (d.manager?.kind === "declared") {
        expect(position.get(d.manager.employeeId)).toBeLessThan(position.get(d.user.employeeId) as number);
      }
    }
  });
});
