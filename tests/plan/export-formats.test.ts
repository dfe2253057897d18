import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ExistingAccountsError, readTenantExport } from "../../src/plan/existing-accounts";

/** The formats admins already have: `Get-MgUser -All | ConvertTo-Json` and the admin center's users CSV. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "export-formats-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

/** As PowerShell 7 writes a Microsoft.Graph user: PascalCase, every property, most of them null. */
function psUser(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Id: `obj-${n}`,
    DisplayName: null,
    UserPrincipalName: `user${n}@contoso.com`,
    Mail: n === 1 ? null : `user${n}@contoso.com`,
    EmployeeId: String(n),
    AccountEnabled: n !== 2,
    OnPremisesSyncEnabled: n === 2 ? true : null,
    SignInSessionsValidFromDateTime: null,
    AdditionalProperties: {},
    ...extra,
  };
}

const ACCOUNT_1 = {
  id: "obj-1",
  userPrincipalName: "user1@contoso.com",
  mail: null,
  employeeId: "1",
  accountEnabled: true,
};
const ACCOUNT_2 = {
  id: "obj-2",
  userPrincipalName: "user2@contoso.com",
  mail: "user2@contoso.com",
  employeeId: "2",
  accountEnabled: false,
  onPremisesSyncEnabled: true,
};

function refusal(target: string): string {
  try {
    readTenantExport(target);
  } catch (error) {
    if (error instanceof ExistingAccountsError) return error.message;
    throw error;
  }
  throw new Error("accepted");
}

describe("readTenantExport of Get-MgUser -All | ConvertTo-Json", () => {
  it("reads an array of PascalCase users, with no Graph counts (the Graph step's fields are not read)", () => {
    const target = file("mg.json", JSON.stringify([psUser(1), psUser(2)], null, 2));
    expect(readTenantExport(target)).toEqual({ accounts: [ACCOUNT_1, ACCOUNT_2], tenant: undefined });
  });

  it("reads the single object ConvertTo-Json writes for a tenant of one user, behind a UTF-8 BOM", () => {
    const target = file("mg.json", `\uFEFF${JSON.stringify(psUser(1))}`);
    expect(readTenantExport(target)).toEqual({ accounts: [ACCOUNT_1], tenant: undefined });
  });

  it("fails when AccountEnabled is null for every user (Get-MgUser ran without -Property)", () => {
    const target = file(
      "mg.json",
      JSON.stringify([psUser(1, { AccountEnabled: null }), psUser(3, { AccountEnabled: null })]),
    );
    expect(refusal(target)).toBe(
      `Invalid --existing-accounts ${target}: field AccountEnabled is null for all 2 users, so Get-MgUser ran without ` +
        "-Property. Allowed: Get-MgUser -All -Property Id,UserPrincipalName,Mail,EmployeeId,AccountEnabled," +
        "OnPremisesSyncEnabled | ConvertTo-Json > users.json.",
    );
  });

  it("fails naming the entry and field when a PascalCase user has no UserPrincipalName", () => {
    const target = file("mg.json", JSON.stringify([psUser(1), psUser(2, { UserPrincipalName: null })]));
    expect(refusal(target)).toMatch(
      new RegExp(`^Invalid --existing-accounts ${target}: entry 1, field userPrincipalName: `),
    );
  });
});

describe("readTenantExport of the admin center's users CSV", () => {
  const HEADER =
    '"userPrincipalName","displayName","surname","mail","givenName","id","userType","employeeId","accountEnabled","directorySynced"';

  it("reads a CSV with a BOM, CRLF, quoted commas and doubled quotes", () => {
    const target = file(
      "users.csv",
      `\uFEFF${HEADER}\r\n` +
        '"user1@contoso.com","Doe, Jane ""JD""","Doe","","Jane","obj-1","Member","1","True",""\r\n' +
        '"user2@contoso.com","Roe, Rick","Roe","user2@contoso.com","Rick","obj-2","Member","2","False","Yes"\r\n',
    );
    expect(readTenantExport(target)).toEqual({ accounts: [ACCOUNT_1, ACCOUNT_2], tenant: undefined });
  });

  it("reads the display-name headers and objectId of older downloads", () => {
    const target = file(
      "users.csv",
      "User principal name,Object ID,Employee ID,Account enabled,Mail\nuser1@contoso.com,obj-1,1,true,\n",
    );
    expect(readTenantExport(target).accounts).toEqual([ACCOUNT_1]);
  });

  it.each([
    ["employeeId", "userPrincipalName,id,accountEnabled\nuser1@contoso.com,obj-1,True\n"],
    ["id", "userPrincipalName,employeeId\nuser1@contoso.com,1\n"],
    ["userPrincipalName", "\uFEFFid,employeeId\nobj-1,1\n"],
  ])("fails naming the missing column %s", (column, content) => {
    const target = file("users.csv", content);
    expect(refusal(target)).toBe(
      `Invalid --existing-accounts ${target}: the CSV has no column ${column}. Allowed: the Entra admin center's ` +
        '"Download users" CSV with columns id, userPrincipalName, employeeId (id may be objectId), or a JSON export.',
    );
  });

  it("fails naming the row and column of a value that is not a boolean", () => {
    const target = file(
      "users.csv",
      "userPrincipalName,id,employeeId,accountEnabled\nuser1@contoso.com,obj-1,1,maybe\n",
    );
    expect(refusal(target)).toBe(
      `Invalid --existing-accounts ${target}: row 1, column accountEnabled: "maybe". Allowed: true, false, yes, no or empty.`,
    );
  });
});
