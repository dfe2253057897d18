import * as azuread from "@pulumi/azuread";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { isPresent, subject } from "./subject";

/** Every user carries the Personio employee id: it is how the program recognises its accounts. */
export const userHasEmployeeId: ResourceValidationPolicy = {
  name: "personio-azuread-user-has-employee-id",
  description: "Every azuread.User carries its Personio employee id in employeeId.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(azuread.User, (user, _args, reportViolation) => {
    if (isPresent(user.employeeId)) return;
    const problem = typeof user.employeeId === "string" ? "empty" : "missing";
    // With no employee id to go by, subject() names the user by its UPN.
    reportViolation(`employeeId is ${problem} for ${subject(user)}. Set it to the employee's Personio id.`);
  }),
};
