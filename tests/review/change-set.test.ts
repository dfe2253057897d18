import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { USER_TYPE } from "../../src/contract";
import {
  type ChangeSet,
  changeSetFromEvents,
  SECRET,
  sumChangeSets,
  UNKNOWN,
} from "../../src/review/change-set";
import { fixture } from "../runner/fixtures/load";

const STACK = "urn:pulumi:dev::personio-azuread::pulumi:pulumi:Stack::personio-azuread-dev";
const SIG = "4dabf18193072939515e22adb298388d";

function userUrn(name: string): string {
  return `urn:pulumi:dev::personio-azuread::personio-azuread:index:Directory$${USER_TYPE}::${name}`;
}

function state(urn: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = inputs) {
  return { type: USER_TYPE, urn, id: "", parent: "", provider: "", inputs, outputs };
}

interface Step {
  readonly old?: Record<string, unknown>;
  readonly new?: Record<string, unknown>;
  readonly diffs?: string[];
  readonly detailedDiff?: Record<string, { diffKind: string; inputDiff: boolean }>;
}

/** One user step, as the engine reports it in a resourcePreEvent. */
function userStep(op: OpType, name: string, step: Step = {}): EngineEvent {
  const urn = userUrn(name);
  const { old, new: next, ...rest } = step;
  const metadata = {
    op,
    urn,
    type: USER_TYPE,
    provider: "",
    ...(old === undefined ? {} : { old: state(urn, old) }),
    ...(next === undefined ? {} : { new: state(urn, next) }),
    ...rest,
  };
  return { sequence: 0, timestamp: 0, resourcePreEvent: { metadata: metadata as StepEventMetadata } };
}

describe("changeSetFromEvents", () => {
  it("reads a preview mixing every kind of user change", () => {
    expect(changeSetFromEvents(fixture("preview-mixed.json"))).toStrictEqual({
      users: [
        {
          employeeId: "101",
          userPrincipalName: "anna.mueller@contoso.com",
          op: "same",
          fields: [],
          disables: false,
          enables: false,
          adoption: false,
          retained: false,
        },
        {
          employeeId: "102",
          userPrincipalName: "thomas.schmidt@contoso.com",
          op: "update",
          fields: [
            { field: "jobTitle", old: "Engineer", new: "Senior Engineer" },
            // Edited in the portal (state says Munich); Personio wins.
            { field: "officeLocation", old: "Munich", new: "Berlin" },
          ],
          disables: false,
          enables: false,
          adoption: false,
          retained: false,
        },
        {
          employeeId: "103",
          userPrincipalName: "juergen.weber@contoso.com",
          op: "update",
          fields: [{ field: "accountEnabled", old: true, new: false }],
          disables: true,
          enables: false,
          adoption: false,
          retained: false,
        },
        {
          employeeId: "104",
          userPrincipalName: "zoe.fischer@contoso.com",
          op: "delete",
          fields: [],
          disables: false,
          enables: false,
          adoption: false,
          retained: true,
        },
        {
          employeeId: "105",
          userPrincipalName: "lukasz.nowak@contoso.com",
          op: "create",
          fields: [
            { field: "accountEnabled", old: undefined, new: true },
            { field: "department", old: undefined, new: "Sales" },
            { field: "displayName", old: undefined, new: "Łukasz Nowak" },
            { field: "employeeId", old: undefined, new: "105" },
            { field: "givenName", old: undefined, new: "Łukasz" },
            { field: "jobTitle", old: undefined, new: "Account Executive" },
            { field: "mailNickname", old: undefined, new: "lukasz.nowak" },
            { field: "managerId", old: undefined, new: UNKNOWN },
            { field: "surname", old: undefined, new: "Nowak" },
            { field: "userPrincipalName", old: undefined, new: "lukasz.nowak@contoso.com" },
          ],
          disables: false,
          enables: false,
          adoption: false,
          retained: false,
        },
        {
          employeeId: "106",
          userPrincipalName: "maria.becker@contoso.com",
          op: "create",
          fields: [
            { field: "accountEnabled", old: undefined, new: true },
            { field: "department", old: undefined, new: "Sales" },
            { field: "displayName", old: undefined, new: "Maria Becker" },
            { field: "employeeId", old: undefined, new: "106" },
            { field: "givenName", old: undefined, new: "Maria" },
            { field: "jobTitle", old: undefined, new: "Head of Sales" },
            { field: "mailNickname", old: undefined, new: "maria.becker" },
            { field: "surname", old: undefined, new: "Becker" },
            { field: "userPrincipalName", old: undefined, new: "maria.becker@contoso.com" },
          ],
          disables: false,
          enables: false,
          adoption: false,
          retained: false,
        },
        {
          employeeId: "107",
          userPrincipalName: "jonas.wagner@contoso.com",
          op: "import",
          // Old values are the account as read from the tenant.
          fields: [
            { field: "employeeId", old: "", new: "107" },
            { field: "jobTitle", old: "Support Agent", new: "Support Lead" },
          ],
          disables: false,
          enables: false,
          adoption: true,
          retained: false,
        },
        {
          employeeId: "108",
          userPrincipalName: "elif.yilmaz@contoso.com",
          op: "replace",
          fields: [],
          disables: false,
          enables: false,
          adoption: false,
          retained: true,
        },
        {
          employeeId: "109",
          userPrincipalName: "soeren.lindqvist@contoso.com",
          op: "update",
          fields: [
            { field: "accountEnabled", old: false, new: true },
            { field: "businessPhones", old: ["+49 30 1000109"], new: ["+49 30 2000109"] },
            { field: "department", old: "Operations", new: "R&D | Tools" },
          ],
          disables: false,
          enables: true,
          adoption: false,
          retained: false,
        },
      ],
      counts: { same: 1, update: 3, delete: 1, create: 2, import: 1, replace: 1 },
      managedBefore: 6,
      stackOutputs: {
        counts: { employees: 9, managed: 8, enabled: 7, disabled: 1, adopted: 1, created: 7, skipped: 1 },
        skipped: [{ employeeId: "110", reason: "missing_required_attribute", attribute: "email" }],
        initialPasswords: SECRET,
      },
      otherChanges: [
        {
          urn: "urn:pulumi:dev::personio-azuread::pulumi:providers:azuread::default_6_10_0",
          type: "pulumi:providers:azuread",
          op: "create",
        },
        {
          urn: "urn:pulumi:dev::personio-azuread::pulumi:providers:azuread::default_6_9_1",
          type: "pulumi:providers:azuread",
          op: "delete",
        },
      ],
    });
  });

  it("reads a first run: adoptions (one of a leaver, one followed by an update) and a new hire", () => {
    const changeSet = changeSetFromEvents(fixture("preview-initial-sync.json"));
    expect(changeSet.users.map((u) => [u.employeeId, u.op, u.adoption, u.disables])).toStrictEqual([
      ["7", "import", true, true],
      ["12", "import", true, false],
      ["40", "import", true, false],
      ["1003", "create", false, false],
    ]);
    expect(changeSet.users.map((u) => u.fields)).toStrictEqual([
      [
        { field: "accountEnabled", old: true, new: false },
        { field: "employeeId", old: "", new: "7" },
      ],
      [],
      [
        { field: "department", old: "HR", new: "People" },
        { field: "jobTitle", old: "Talent Partner", new: "Recruiter" },
      ],
      [
        { field: "accountEnabled", old: undefined, new: true },
        { field: "department", old: undefined, new: "Engineering" },
        { field: "displayName", old: undefined, new: "Mehmet Nguyen" },
        { field: "employeeId", old: undefined, new: "1003" },
        { field: "givenName", old: undefined, new: "Mehmet" },
        { field: "jobTitle", old: undefined, new: "Engineer" },
        { field: "mailNickname", old: undefined, new: "mehmet.nguyen" },
        { field: "managerId", old: undefined, new: "3c5d7e9f-1a2b-4c3d-8e4f-5a6b7c8d9e12" },
        { field: "surname", old: undefined, new: "Nguyen" },
        { field: "userPrincipalName", old: undefined, new: "mehmet.nguyen@contoso.com" },
      ],
    ]);
    expect(changeSet.counts).toStrictEqual({ import: 3, create: 1 });
    expect(changeSet.managedBefore).toBe(0);
    expect(changeSet.stackOutputs?.["counts"]).toStrictEqual({
      employees: 5,
      managed: 4,
      enabled: 3,
      disabled: 1,
      adopted: 3,
      created: 1,
      skipped: 1,
    });
    expect(changeSet.stackOutputs?.["initialPasswords"]).toBe(SECRET);
    expect(changeSet.otherChanges.map((c) => [c.type, c.op])).toStrictEqual([
      ["pulumi:pulumi:Stack", "create"],
      ["pulumi:providers:azuread", "create"],
      ["personio-azuread:index:Directory", "create"],
    ]);
  });

  it("reads Personio answering with no employees as every managed user deleted", () => {
    const changeSet = changeSetFromEvents(fixture("preview-empty-personio.json"));
    expect(changeSet.users.map((u) => [u.employeeId, u.op, u.retained])).toStrictEqual([
      ["201", "delete", true],
      ["202", "delete", true],
      ["203", "delete", true],
    ]);
    expect(changeSet.counts).toStrictEqual({ delete: 3 });
    expect(changeSet.managedBefore).toBe(3);
    expect(changeSet.otherChanges).toStrictEqual([]);
    expect(changeSet.stackOutputs?.["counts"]).toMatchObject({ employees: 0, managed: 0 });
  });

  it.each<[string, OpType[], OpType]>([
    ["create-before-delete", ["create-replacement", "replace", "delete-replaced"], "replace"],
    ["delete-before-replace", ["delete-replaced", "replace", "create-replacement"], "replace"],
    [
      "an import replacing another account",
      ["import-replacement", "replace", "delete-replaced"],
      "import-replacement",
    ],
    ["an import followed by an update", ["import", "update"], "import"],
  ])("collapses the steps of %s into one change", (_, ops, op) => {
    const events = ops.map((step) =>
      userStep(step, "employee-5", { old: { accountEnabled: true }, new: { accountEnabled: true } }),
    );
    const changeSet = changeSetFromEvents(events);
    expect(changeSet.users.map((u) => u.op)).toStrictEqual([op]);
    expect(changeSet.counts).toStrictEqual({ [op]: 1 });
    expect(changeSet.users[0]?.adoption).toBe(op.startsWith("import"));
  });

  it("never includes the password or forcePasswordChange, even when the engine lists them as changed", () => {
    const [user] = changeSetFromEvents([
      userStep("update", "employee-1", {
        old: { password: "old-Secret-1!", forcePasswordChange: false, jobTitle: "A" },
        new: { password: "new-Secret-2!", forcePasswordChange: true, jobTitle: "B" },
        diffs: ["password", "forcePasswordChange", "jobTitle"],
      }),
    ]).users;
    expect(user?.fields).toStrictEqual([{ field: "jobTitle", old: "A", new: "B" }]);
    expect(JSON.stringify(user)).not.toMatch(/Secret/);
  });

  it.each([
    ["a serialised secret", { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "+49 30 1234" }],
    [
      "a serialised secret with ciphertext",
      { [SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" },
    ],
    ["the engine's mask", "[secret]"],
  ])("shows %s as [secret]", (_, secret) => {
    const [user] = changeSetFromEvents([
      userStep("update", "employee-1", {
        old: { mobilePhone: "+49 30 1" },
        new: { mobilePhone: secret },
        detailedDiff: { mobilePhone: { diffKind: "update", inputDiff: true } },
      }),
    ]).users;
    expect(user?.fields).toStrictEqual([{ field: "mobilePhone", old: "+49 30 1", new: SECRET }]);
  });

  it("names a changed list by its property, not the element path", () => {
    const [user] = changeSetFromEvents([
      userStep("update", "employee-1", {
        old: { otherMails: ["a@x.com", "b@x.com"] },
        new: { otherMails: ["a@x.com", "c@x.com"] },
        detailedDiff: { "otherMails[1]": { diffKind: "update", inputDiff: true } },
      }),
    ]).users;
    expect(user?.fields).toStrictEqual([
      { field: "otherMails", old: ["a@x.com", "b@x.com"], new: ["a@x.com", "c@x.com"] },
    ]);
  });

  it("compares old and new inputs when the engine names no diffs: a removed input shows as cleared", () => {
    const [user] = changeSetFromEvents([
      userStep("update", "employee-1", {
        old: { jobTitle: "Engineer", department: "IT", __defaults: [] },
        new: { jobTitle: "Engineer", __defaults: ["usageLocation"] },
      }),
    ]).users;
    expect(user?.fields).toStrictEqual([{ field: "department", old: "IT", new: undefined }]);
  });

  it("takes the UPN from the new inputs, else the old ones", () => {
    const users = changeSetFromEvents([
      userStep("update", "employee-1", {
        old: { userPrincipalName: "anna.mueller@contoso.com" },
        new: { userPrincipalName: "anna.schulz@contoso.com" },
      }),
      userStep("delete", "employee-2", { old: { userPrincipalName: "jan.weber@contoso.com" } }),
    ]).users;
    expect(users.map((u) => u.userPrincipalName)).toStrictEqual([
      "anna.schulz@contoso.com",
      "jan.weber@contoso.com",
    ]);
  });

  it("sorts users by numeric employee id, other logical names after them", () => {
    const names = ["employee-100", "break-glass-admin", "employee-9", "employee-10", "employee-0011"];
    const users = changeSetFromEvents(names.map((name) => userStep("same", name))).users;
    expect(users.map((u) => u.employeeId)).toStrictEqual(["9", "10", "0011", "100", "break-glass-admin"]);
  });

  it("reads URNs whose type chain starts at the stack", () => {
    const urn =
      "urn:pulumi:prod::personio-azuread::pulumi:pulumi:Stack$personio-azuread:index:Directory$azuread:index/user:User::employee-42";
    const [user] = changeSetFromEvents([
      {
        sequence: 1,
        timestamp: 0,
        resourcePreEvent: { metadata: { op: "same", urn, type: USER_TYPE, provider: "" } },
      },
    ]).users;
    expect(user?.employeeId).toBe("42");
  });

  it("counts a user reported only by its outputs event once, and one reported by both once", () => {
    const pre = userStep("same", "employee-1");
    const outputsOnly = userStep("same", "employee-2");
    const changeSet = changeSetFromEvents([
      pre,
      { sequence: 1, timestamp: 0, resOutputsEvent: pre.resourcePreEvent },
      { sequence: 2, timestamp: 0, resOutputsEvent: outputsOnly.resourcePreEvent },
    ]);
    expect(changeSet.users.map((u) => u.employeeId)).toStrictEqual(["1", "2"]);
    expect(changeSet.counts).toStrictEqual({ same: 2 });
    expect(changeSet.managedBefore).toBe(2);
  });

  it("has no stack outputs when the events carry none", () => {
    const changeSet = changeSetFromEvents([
      { sequence: 0, timestamp: 0, preludeEvent: { config: {} } },
      {
        sequence: 1,
        timestamp: 0,
        resourcePreEvent: { metadata: { op: "same", urn: STACK, type: "pulumi:pulumi:Stack", provider: "" } },
      },
      {
        sequence: 2,
        timestamp: 0,
        diagnosticEvent: { message: "error: Personio: 401\n", color: "never", severity: "error" },
      },
    ]);
    expect(changeSet).toStrictEqual({
      users: [],
      counts: {},
      managedBefore: 0,
      stackOutputs: undefined,
      otherChanges: [],
    });
  });
});

describe("sumChangeSets", () => {
  const counts = (employees: number) => ({
    employees,
    managed: employees,
    enabled: employees,
    disabled: 0,
    adopted: 0,
    created: 0,
    skipped: 0,
  });
  const part = (ids: string[], employees: number, principalNames?: Record<string, string>): ChangeSet => ({
    users: ids.map((employeeId) => ({
      employeeId,
      userPrincipalName: `u${employeeId}@contoso.com`,
      op: "update",
      fields: [],
      disables: true,
      enables: false,
      adoption: false,
      retained: false,
    })),
    counts: { update: ids.length },
    managedBefore: ids.length,
    stackOutputs: {
      counts: counts(employees),
      groups: { groups: 3, created: 1, existing: 2, memberships: employees },
      ...(principalNames === undefined ? {} : { principalNames }),
    },
    otherChanges: [],
  });

  it("adds up the shards' users, counts, managed users and outputs, in employee-id order", () => {
    const sum = sumChangeSets([part(["12", "3"], 5, { "12": "a@contoso.com" }), part(["7"], 4), part([], 2)]);
    expect(sum.users.map((u) => u.employeeId)).toEqual(["3", "7", "12"]);
    expect(sum.counts).toEqual({ update: 3 });
    expect(sum.managedBefore).toBe(3);
    expect(sum.stackOutputs).toEqual({
      counts: counts(11),
      groups: { groups: 3, created: 1, existing: 2, memberships: 11 },
      principalNames: { "12": "a@contoso.com" },
    });
    expect(sum.memberships).toBeUndefined();
  });

  it("has no stack outputs when one shard's preview has none (the guards then fail closed)", () => {
    expect(sumChangeSets([part(["1"], 5), { ...part(["2"], 5), stackOutputs: undefined }]).stackOutputs).toBe(
      undefined,
    );
  });
});
