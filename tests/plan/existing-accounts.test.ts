import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  ExistingAccountsError,
  parseExistingAccounts,
  parseTenantExport,
  readExistingAccounts,
} from "../../src/plan/existing-accounts";

const SOURCE = "users.json";
const PREFIX = `Invalid --existing-accounts ${SOURCE}`;
const EVERY_PAGE =
  "Allowed: every page of GET /users in one file: follow @odata.nextLink until it is absent and concatenate " +
  "the pages' value arrays into one JSON array, e.g. jq -s '[.[].value[]]' page-*.json > users.json.";
const NEXT_LINK = "https://graph.microsoft.com/v1.0/users?$select=id&$skiptoken=RFNwdAIAAQAAAA";

const A = { id: "obj-a", userPrincipalName: "a@contoso.com", employeeId: "1", accountEnabled: true };
const B = { id: "obj-b", userPrincipalName: "b@contoso.com", mail: "b@contoso.com" };
const ACCOUNT_A = { ...A, mail: null };
const ACCOUNT_B = { ...B, employeeId: null, accountEnabled: null };
const CONTEXT = { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users" };

function refusal(json: unknown): string {
  try {
    parseExistingAccounts(json, SOURCE);
  } catch (error) {
    if (error instanceof ExistingAccountsError) return error.message;
    throw error;
  }
  throw new Error("accepted");
}

describe("parseExistingAccounts", () => {
  it.each([
    ["a plain array (the pages' value arrays concatenated)", [A, B]],
    ["an empty array", []],
    ["a last page: no @odata.nextLink", { ...CONTEXT, value: [A, B] }],
    ["a page whose @odata.nextLink is null", { value: [A, B], "@odata.nextLink": null }],
    ["a page whose @odata.count is its length", { value: [A, B], "@odata.count": 2 }],
    ["a page whose @odata.count is below its length (eventual)", { value: [A, B], "@odata.count": 1 }],
    ["a page whose @odata.count is null", { value: [A, B], "@odata.count": null }],
    ["a delta's last page: @odata.deltaLink", { value: [A, B], "@odata.deltaLink": "https://x/delta" }],
  ])("accepts %s", (_name, json) => {
    const expected = Array.isArray(json) && json.length === 0 ? [] : [ACCOUNT_A, ACCOUNT_B];
    expect(parseExistingAccounts(json, SOURCE)).toEqual(expected);
  });

  it("accepts the pages of a listing once their value arrays are concatenated", () => {
    const pages: Array<Record<string, unknown> & { value: unknown[] }> = [
      { ...CONTEXT, value: [A], "@odata.nextLink": NEXT_LINK },
      { ...CONTEXT, value: [B] },
    ];
    expect(
      parseExistingAccounts(
        pages.flatMap((page) => page.value),
        SOURCE,
      ),
    ).toEqual([ACCOUNT_A, ACCOUNT_B]);
  });

  it.each([
    [
      "a page with @odata.nextLink",
      { ...CONTEXT, value: [A, B], "@odata.nextLink": NEXT_LINK },
      `${PREFIX}: field @odata.nextLink is set, so the file is one page of 2 users, not the whole tenant. ${EVERY_PAGE}`,
    ],
    [
      "a page with @odata.nextLink and a bad entry (the page is named first)",
      { value: [{ id: 5 }], "@odata.nextLink": NEXT_LINK },
      `${PREFIX}: field @odata.nextLink is set, so the file is one page of 1 user, not the whole tenant. ${EVERY_PAGE}`,
    ],
    [
      "an empty page with @odata.nextLink",
      { value: [], "@odata.nextLink": "" },
      `${PREFIX}: field @odata.nextLink is set, so the file is one page of 0 users, not the whole tenant. ${EVERY_PAGE}`,
    ],
    [
      "a page with @odata.count above its length",
      { value: [A, B], "@odata.count": 3 },
      `${PREFIX}: field @odata.count is 3 but value holds 2 users, so the file is one page, not the whole tenant. ${EVERY_PAGE}`,
    ],
  ])("fails on %s", (_name, json, message) => {
    expect(refusal(json)).toBe(message);
  });

  it("never shows the @odata.nextLink, which can carry a $filter on names", () => {
    expect(refusal({ value: [A], "@odata.nextLink": NEXT_LINK })).not.toContain("skiptoken");
  });

  it.each([
    ["a string", "3", "a string"],
    ["a fraction", 2.5, "2.5"],
    ["a negative number", -1, "-1"],
    ["an object", { n: 3 }, "an object"],
    ["an array", [3], "an array"],
  ])("fails when @odata.count is %s", (_name, count, shown) => {
    expect(refusal({ value: [A], "@odata.count": count })).toBe(
      `${PREFIX}: field @odata.count: ${shown}. Allowed: a whole number, the count of users in the tenant.`,
    );
  });

  it.each([
    [
      "not an array or page",
      { users: [A] },
      `${PREFIX}: an object without value: [...]. Allowed: a JSON array of Graph users or { "value": [...] }.`,
    ],
    [
      "an id that appears twice",
      [A, { ...B, id: A.id }],
      `${PREFIX}: entry 1, field id: "obj-a" appears twice. Allowed: unique ids.`,
    ],
  ])("still fails on %s", (_name, json, message) => {
    expect(refusal(json)).toBe(message);
  });
});

describe("readExistingAccounts", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "existing-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("fails on a file holding one page of a longer listing, naming the file", () => {
    const file = path.join(dir, "page-1.json");
    writeFileSync(file, JSON.stringify({ ...CONTEXT, value: [A], "@odata.nextLink": NEXT_LINK }));
    expect(() => readExistingAccounts(file)).toThrow(
      new ExistingAccountsError(
        `Invalid --existing-accounts ${file}: field @odata.nextLink is set, so the file is one page of 1 user, not the whole tenant. ${EVERY_PAGE}`,
      ),
    );
  });

  it("reads a file holding a plain array", () => {
    const file = path.join(dir, "users.json");
    writeFileSync(file, JSON.stringify([A, B]));
    expect(readExistingAccounts(file)).toEqual([ACCOUNT_A, ACCOUNT_B]);
  });
});

describe("parseTenantExport", () => {
  const GRAPH_FIELDS = {
    signInSessionsValidFromDateTime: "2026-10-01T08:00:00Z",
    onPremisesSyncEnabled: null,
    onPremisesExtensionAttributes: { extensionAttribute1: "Sales", extensionAttribute2: null },
  };

  it("keeps the Graph step's fields when every user has them", () => {
    expect(parseTenantExport([{ ...A, ...GRAPH_FIELDS }], SOURCE)).toEqual({
      accounts: [ACCOUNT_A],
      tenant: [{ ...ACCOUNT_A, ...GRAPH_FIELDS }],
    });
  });

  it.each([
    ["one user lacks them", [{ ...A, ...GRAPH_FIELDS }, B]],
    [
      "a user lacks onPremisesExtensionAttributes",
      // Through JSON, as the file is read: the undefined key is dropped.
      JSON.parse(JSON.stringify([{ ...A, ...GRAPH_FIELDS, onPremisesExtensionAttributes: undefined }])),
    ],
  ])("has no tenant when %s", (_name, json) => {
    expect(parseTenantExport(json, SOURCE).tenant).toBeUndefined();
  });

  it("fails naming the entry and field when signInSessionsValidFromDateTime is not a date-time", () => {
    expect(() => parseTenantExport([{ ...A, signInSessionsValidFromDateTime: "yesterday" }], SOURCE)).toThrow(
      `${PREFIX}: entry 0, field signInSessionsValidFromDateTime: Invalid ISO datetime. Allowed: Graph users with id ` +
        "and userPrincipalName (strings), mail and employeeId (string or null), accountEnabled (boolean or null), " +
        "signInSessionsValidFromDateTime (ISO date-time or null), onPremisesSyncEnabled (boolean or null), " +
        "onPremisesExtensionAttributes (object of strings or null).",
    );
  });
});
