import { userHasEmployeeId } from "../../policy/rules/employee-id";
import { validate } from "./harness";

const UPN = "anna.mueller@contoso.com";

describe("personio-azuread-user-has-employee-id", () => {
  it("passes a user with an employeeId", async () => {
    expect(await validate(userHasEmployeeId, { userPrincipalName: UPN, employeeId: "42" })).toEqual({
      violations: [],
    });
  });

  it("fails when employeeId is missing, naming the user by UPN", async () => {
    expect(await validate(userHasEmployeeId, { userPrincipalName: UPN })).toEqual({
      violations: [
        `employeeId is missing for userPrincipalName "${UPN}". Set it to the employee's Personio id.`,
      ],
    });
  });

  it.each([[""], ["   "]])("fails when employeeId is %p", async (employeeId) => {
    expect(await validate(userHasEmployeeId, { userPrincipalName: UPN, employeeId })).toEqual({
      violations: [
        `employeeId is empty for userPrincipalName "${UPN}". Set it to the employee's Personio id.`,
      ],
    });
  });

  it("fails when neither employeeId nor userPrincipalName is set", async () => {
    expect(await validate(userHasEmployeeId, { displayName: "Anna Müller" })).toEqual({
      violations: [
        "employeeId is missing for a user with neither employeeId nor userPrincipalName. " +
          "Set it to the employee's Personio id.",
      ],
    });
  });

  it("does not apply to other resource types", async () => {
    expect(
      await validate(userHasEmployeeId, { displayName: "Staff" }, { type: "azuread:index/group:Group" }),
    ).toEqual({
      violations: [],
      notApplicable: "Policy only applies to resources of type 'azuread:index/user:User'",
    });
  });
});
