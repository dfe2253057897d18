import type * as azuread from "@pulumi/azuread";

/** Realistic `azuread.User` inputs for employee `i` (plain strings, as the program renders them). */
export function userInputs(i: number): azuread.UserArgs {
  const given = `Given${i}`;
  const sur = `Surname${i}`;
  const nick = `given${i}.surname${i}`;
  return {
    userPrincipalName: `${nick}@example.onmicrosoft.com`,
    displayName: `${given} ${sur}`,
    givenName: given,
    surname: sur,
    mailNickname: nick,
    employeeId: String(100000 + i),
    accountEnabled: i % 17 !== 0,
    jobTitle: "Software Engineer",
    department: `Department ${i % 40}`,
    officeLocation: `Office ${i % 7}`,
    companyName: "Example GmbH",
    mobilePhone: `+49 151 ${String(1000000 + i)}`,
    password: `Initial-${i}-Pa55word!`,
    forcePasswordChange: true,
  };
}

/** Logical name of employee `i`'s resource (stable, unique). */
export function userName(i: number): string {
  return `user-${100000 + i}`;
}
