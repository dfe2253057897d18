import type { AttributeValue } from "../../src/personio/employee";
import { type MappedValue, compileMapping, mapAttributes } from "../../src/render/attribute-mapping";
import { employee, renderWith } from "./fixtures";

interface Warning {
  readonly property: string;
  readonly message: string;
}

/** Maps one input from one attribute value, collecting warnings. */
function mapOne(input: string, value: AttributeValue | undefined): [MappedValue | undefined, Warning[]] {
  const warnings: Warning[] = [];
  const attributes: Record<string, AttributeValue> = value === undefined ? {} : { source: value };
  const mapped = mapAttributes(compileMapping({ [input]: "source" }), attributes, (property, message) =>
    warnings.push({ property, message }),
  );
  return [mapped[input], warnings];
}

const trimmed = (property: string, max: number) => [
  { property, message: `longer than ${max} characters; trimmed to ${max}` },
];
const dropped = (property: string, message: string) => [{ property, message }];

describe("mapAttributes", () => {
  it.each<[string, AttributeValue, MappedValue]>([
    ["jobTitle", "Engineer", "Engineer"],
    ["jobTitle", "  Engineer ", "Engineer"],
    ["department", "Engineering", "Engineering"], // relations arrive as their name
    ["costCenter", ["CC-100", "CC-200"], "CC-100, CC-200"],
    ["employeeType", 42, "42"],
    ["mobilePhone", "+49 151 0000000", "+49 151 0000000"],
    ["employeeHireDate", "2020-01-12", "2020-01-12T00:00:00Z"],
    ["employeeHireDate", "2017-05-23T07:49:03.000Z", "2017-05-23T07:49:03Z"],
    ["businessPhones", "+49 30 1234", ["+49 30 1234"]],
    ["otherMails", "a@example.com", ["a@example.com"]],
    ["otherMails", "a@example.com; b@example.org", ["a@example.com", "b@example.org"]],
    ["otherMails", ["a@example.com", "A@example.com"], ["a@example.com"]],
    ["mail", "anna@example.com", "anna@example.com"],
    ["usageLocation", "de", "DE"],
    ["preferredLanguage", "de", "de"],
    ["preferredLanguage", "en_us", "en-US"],
    ["ageGroup", "adult", "Adult"],
    ["showInAddressList", false, false],
    ["showInAddressList", "TRUE", true],
    ["country", "Germany", "Germany"],
    ["streetAddress", "Hauptstraße 1", "Hauptstraße 1"],
  ])("maps %s from %p to %p without warnings", (input, value, expected) => {
    expect(mapOne(input, value)).toEqual([expected, []]);
  });

  it.each<[string, AttributeValue | undefined]>([
    ["jobTitle", undefined],
    ["jobTitle", null],
    ["jobTitle", ""],
    ["costCenter", []],
    ["businessPhones", null],
    ["showInAddressList", null],
  ])("omits %s when the value is %p, silently", (input, value) => {
    expect(mapOne(input, value)).toEqual([undefined, []]);
  });

  it.each<[string, AttributeValue, MappedValue | undefined, Warning[]]>([
    ["jobTitle", "t".repeat(200), "t".repeat(128), trimmed("jobTitle", 128)],
    ["department", "d".repeat(70), "d".repeat(64), trimmed("department", 64)],
    ["companyName", "c".repeat(65), "c".repeat(64), trimmed("companyName", 64)],
    ["officeLocation", "o".repeat(129), "o".repeat(128), trimmed("officeLocation", 128)],
    ["displayName", "n".repeat(300), "n".repeat(256), trimmed("displayName", 256)],
    [
      "costCenter",
      ["c".repeat(40), "d".repeat(40)],
      `${"c".repeat(40)}, ${"d".repeat(22)}`,
      trimmed("costCenter", 64),
    ],
    ["department", `${"x".repeat(63)}😀`, "x".repeat(63), trimmed("department", 64)], // no half surrogate pair
    ["mobilePhone", "1".repeat(65), undefined, dropped("mobilePhone", "longer than 64 characters; omitted")],
    ["postalCode", "1".repeat(41), undefined, dropped("postalCode", "longer than 40 characters; omitted")],
    [
      "businessPhones",
      ["+49 30 1", "+49 30 2"],
      ["+49 30 1"],
      dropped("businessPhones", "2 values where Azure AD allows one; only the first is kept"),
    ],
    ["mail", "not-an-address", undefined, dropped("mail", "not an e-mail address; omitted")],
    [
      "otherMails",
      ["a@example.com", "nope", "nada"],
      ["a@example.com"],
      dropped("otherMails", "2 values are not an e-mail address; omitted"),
    ],
    ["employeeHireDate", "soon", undefined, dropped("employeeHireDate", "not a date; omitted")],
    [
      "usageLocation",
      "Germany",
      undefined,
      dropped("usageLocation", "not a two-letter ISO 3166 code; omitted"),
    ],
    ["usageLocation", "EU", undefined, dropped("usageLocation", "not a two-letter ISO 3166 code; omitted")],
    [
      "preferredLanguage",
      "German",
      undefined,
      dropped("preferredLanguage", "not a language tag such as de or en-US; omitted"),
    ],
    ["ageGroup", "child", undefined, dropped("ageGroup", "not one of Adult, NotAdult, Minor; omitted")],
    ["showInAddressList", "maybe", undefined, dropped("showInAddressList", "not true or false; omitted")],
  ])("maps %s from %p to %p with a warning", (input, value, expected, warnings) => {
    expect(mapOne(input, value)).toEqual([expected, warnings]);
  });

  it.each([
    ["Adult", undefined, ["consentProvidedForMinor"]],
    ["Minor", "Granted", []],
  ])("allows consent Granted with ageGroup %s: %p", (ageGroup, expected, warned) => {
    const warnings: string[] = [];
    const mapping = compileMapping({ ageGroup: "dynamic_1", consentProvidedForMinor: "dynamic_2" });
    const mapped = mapAttributes(mapping, { dynamic_1: ageGroup, dynamic_2: "granted" }, (property) =>
      warnings.push(property),
    );
    expect(mapped["consentProvidedForMinor"]).toBe(expected);
    expect(warnings).toEqual(warned);
  });

  it("fails on a target that is not a mappable input", () => {
    expect(() => compileMapping({ password: "dynamic_1" })).toThrow(
      "Invalid mapping target: password is not a mappable azuread.User input",
    );
  });
});

describe("attribute mapping in render", () => {
  it("adds mapped inputs after the fixed ones, in input-name order, with warnings by employee", () => {
    const result = renderWith(
      [
        employee(1, {
          first: "Anna",
          last: "Ek",
          attributes: {
            position: "Engineer",
            department: "Engineering",
            office: "Berlin",
            subcompany: "Example GmbH",
            cost_centers: ["CC-100", "CC-200"],
            hire_date: "2020-01-12",
            dynamic_27163: ["+49 30 1", "+49 30 2"],
            dynamic_5: "p".repeat(130),
          },
        }),
        employee(2, { first: "Bo", last: "Ek" }),
      ],
      {
        config: {
          attributeMapping: {
            jobTitle: "position",
            department: "department",
            officeLocation: "office",
            companyName: "subcompany",
            costCenter: "cost_centers",
            employeeHireDate: "hire_date",
            businessPhones: "dynamic_27163",
            streetAddress: "dynamic_5",
            city: "dynamic_6",
          },
        },
      },
    );
    expect(result.users).toEqual([
      {
        employeeId: "1",
        userPrincipalName: "anna.ek@example.com",
        displayName: "Anna Ek",
        givenName: "Anna",
        surname: "Ek",
        mailNickname: "anna.ek",
        accountEnabled: true,
        businessPhones: ["+49 30 1"],
        companyName: "Example GmbH",
        costCenter: "CC-100, CC-200",
        department: "Engineering",
        employeeHireDate: "2020-01-12T00:00:00Z",
        jobTitle: "Engineer",
        officeLocation: "Berlin",
        streetAddress: "p".repeat(130),
      },
      {
        employeeId: "2",
        userPrincipalName: "bo.ek@example.com",
        displayName: "Bo Ek",
        givenName: "Bo",
        surname: "Ek",
        mailNickname: "bo.ek",
        accountEnabled: true,
      },
    ]);
    expect(Object.keys(result.users[0] ?? {})).toEqual([
      "employeeId",
      "userPrincipalName",
      "displayName",
      "givenName",
      "surname",
      "mailNickname",
      "accountEnabled",
      "businessPhones",
      "companyName",
      "costCenter",
      "department",
      "employeeHireDate",
      "jobTitle",
      "officeLocation",
      "streetAddress",
    ]);
    expect(result.warnings).toEqual([
      {
        employeeId: "1",
        property: "businessPhones",
        message: "2 values where Azure AD allows one; only the first is kept",
      },
    ]);
  });

  it("keeps personal data out of warnings", () => {
    const result = renderWith(
      [employee(1, { first: "Zebulon", last: "Quaxley", attributes: { position: "Z".repeat(129) } })],
      {
        config: { attributeMapping: { jobTitle: "position", mail: "first_name" } },
      },
    );
    expect(result.warnings).toEqual([
      { employeeId: "1", property: "jobTitle", message: "longer than 128 characters; trimmed to 128" },
      { employeeId: "1", property: "mail", message: "not an e-mail address; omitted" },
    ]);
    expect(JSON.stringify(result.warnings)).not.toMatch(/Zebulon|Quaxley|ZZZ/);
  });
});
