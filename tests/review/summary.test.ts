import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import fc from "fast-check";
import { type ChangeSet, changeSetFromEvents, type UserChange } from "../../src/review/change-set";
import { DEFAULT_GUARDS, evaluateGuards, type GuardVerdict } from "../../src/review/guards";
import { GITHUB_COMMENT_LIMIT, summaryMarkdown } from "../../src/review/summary";
import { fixture } from "../runner/fixtures/load";

/** The plain-text initial passwords in the fixtures: they must never reach a summary. */
const FIXTURE_PASSWORDS = ["Kq7!vR2#mZp9@Lx4wT8e", "Wq3$hN8!cVb2&Kd7pYz5"];

const PASSED: GuardVerdict = { ok: true, refusals: [], checked: ["deletes: no user deletes or replaces"] };

function user(id: number, extra: Partial<UserChange> = {}): UserChange {
  return {
    employeeId: String(id),
    userPrincipalName: `employee${id}@contoso.com`,
    op: "update",
    fields: [{ field: "jobTitle", old: "Engineer", new: "Senior Engineer" }],
    disables: false,
    enables: false,
    adoption: false,
    retained: false,
    ...extra,
  };
}

function changeSetOf(users: readonly UserChange[], otherChanges: ChangeSet["otherChanges"] = []): ChangeSet {
  const counts: Record<string, number> = {};
  for (const u of users) counts[u.op] = (counts[u.op] ?? 0) + 1;
  return { users, counts, managedBefore: users.length, stackOutputs: undefined, otherChanges };
}

/** 10,000 changed users, as a big company's first run after a reorganisation might bring. */
function bigChangeSet(size = 10_000): ChangeSet {
  return changeSetOf(
    Array.from({ length: size }, (_, i) =>
      user(i + 1, {
        fields: [
          { field: "department", old: "Engineering", new: "Platform Engineering" },
          { field: "jobTitle", old: "Engineer", new: `Senior Engineer ${i % 7}` },
        ],
      }),
    ),
  );
}

const NOTE =
  /_… and ([\d,]+) more changed users not shown \(the comment limit is ([\d,]+) characters\); run `npm run preview -- --stack prod` locally for the full list\._$/;
/** The same note in a summary made with `showNames`: the command for the full list keeps the flag. */
const NOTE_WITH_NAMES =
  /_… and ([\d,]+) more changed users not shown \(the comment limit is ([\d,]+) characters\); run `npm run preview -- --stack prod --show-names` locally for the full list\._$/;

/** The names and contact values the fixture's users carry: none may reach a default summary. */
const PERSONAL_FIELDS = ["userPrincipalName", "displayName", "givenName", "surname", "mailNickname", "mail"];
const PERSONAL_FIELDS_TOO = ["businessPhones", "jobTitle", "officeLocation", "department", "mobilePhone"];

/** Every string value of those fields in the events' user states, old and new, inputs and outputs. */
function personalValues(events: readonly EngineEvent[]): string[] {
  const values = new Set<string>();
  const collect = (state: Record<string, unknown> | undefined): void => {
    for (const field of [...PERSONAL_FIELDS, ...PERSONAL_FIELDS_TOO]) {
      for (const item of [state?.[field]].flat()) {
        if (typeof item === "string" && item.length >= 3) values.add(item);
      }
    }
  };
  for (const event of events) {
    for (const meta of [event.resourcePreEvent?.metadata, event.resOutputsEvent?.metadata]) {
      if (meta?.type !== "azuread:index/user:User") continue;
      for (const state of [meta.old, meta.new]) {
        collect(state?.inputs);
        collect(state?.outputs);
      }
    }
  }
  return [...values].sort();
}

/** The mixed preview with group memberships: joins, an adoption and leaves, members by id or object id. */
function mixedWithMemberships(): ChangeSet {
  return {
    ...changeSetFromEvents(fixture("preview-mixed.json")),
    memberships: [
      { employeeId: "105", memberObjectId: undefined, group: "sg-pipeline", change: "join" },
      { employeeId: undefined, memberObjectId: undefined, group: "sg-pipeline", change: "join" },
      { employeeId: "107", memberObjectId: undefined, group: "Zendesk Agents", change: "adopt" },
      { employeeId: "103", memberObjectId: undefined, group: "Zendesk Agents", change: "leave" },
      {
        employeeId: undefined,
        memberObjectId: "5d0c1a2b-0000-4000-8000-000000000001",
        group: "Zendesk Agents",
        change: "leave",
      },
    ],
  };
}

describe("summaryMarkdown", () => {
  it("with showNames (--show-names): renders a small mix of changes exactly, UPNs and values included", () => {
    const changeSet = changeSetFromEvents(fixture("preview-mixed.json"));
    const verdict = evaluateGuards({ changeSet, employees: 9, lastEmployees: 10 }, DEFAULT_GUARDS);
    expect(summaryMarkdown(changeSet, verdict, { stack: "dev", showNames: true })).toBe(
      [
        "<!-- personio-azuread-preview -->",
        "## Azure AD preview for stack `dev`",
        "",
        "⛔ **Refused**: `up` would not run; 1 of 5 guards refused. Each can be overridden for one run by the flag it names.",
        "",
        "- ⛔ deletes: 2 user deletes/replaces (employees 104, 108) — this project never deletes accounts; override with --allow-deletes",
        "- ✔️ disables: 1, at most 5 allowed (max(5, 20 % of 6 managed))",
        "- ✔️ skipped: 0 unreadable Personio records skipped, at most 5 % of 9 employees allowed",
        "- ✔️ empty: Personio lists 9 employees",
        "- ✔️ shrink: Personio lists 9 employees, at least 9 needed (90 % of the last successful run's 10)",
        "",
        "### Users",
        "",
        "| Operation | Users |",
        "| --- | ---: |",
        "| create | 2 |",
        "| import | 1 |",
        "| update | 3 |",
        "| replace | 1 |",
        "| delete | 1 |",
        "| same | 1 |",
        "| **total** | 9 |",
        "",
        "After this run: Personio lists 9 employees (1 skipped); 8 users are managed, 7 enabled and 1 disabled.",
        "",
        "### Disables (1)",
        "",
        "Accounts that would be blocked from signing in:",
        "",
        "| Employee | UPN |",
        "| --- | --- |",
        "| 103 | juergen.weber@contoso.com |",
        "",
        "### Adoptions (1)",
        "",
        "Existing Azure AD accounts this stack would take over:",
        "",
        "| Employee | UPN |",
        "| --- | --- |",
        "| 107 | jonas.wagner@contoso.com |",
        "",
        "### Other changes (2)",
        "",
        "| Resource | Type | Operation |",
        "| --- | --- | --- |",
        "| default_6_10_0 | pulumi:providers:azuread | create |",
        "| default_6_9_1 | pulumi:providers:azuread | delete |",
        "",
        "### Changed users (8)",
        "",
        "| Employee | UPN | Operation | Changes |",
        "| --- | --- | --- | --- |",
        '| 102 | thomas.schmidt@contoso.com | update | jobTitle: "Engineer" → "Senior Engineer"<br>officeLocation: "Munich" → "Berlin" |',
        "| 103 | juergen.weber@contoso.com | update | accountEnabled: true → false |",
        "| 104 | zoe.fischer@contoso.com | delete | released from the stack; the account stays in Azure AD |",
        "| 105 | lukasz.nowak@contoso.com | create | " +
          'accountEnabled: true<br>department: "Sales"<br>displayName: "Łukasz Nowak"<br>employeeId: "105"<br>' +
          'givenName: "Łukasz"<br>jobTitle: "Account Executive"<br>mailNickname: "lukasz.nowak"<br>' +
          'managerId: (known after apply)<br>surname: "Nowak"<br>userPrincipalName: "lukasz.nowak@contoso.com" |',
        "| 106 | maria.becker@contoso.com | create | " +
          'accountEnabled: true<br>department: "Sales"<br>displayName: "Maria Becker"<br>employeeId: "106"<br>' +
          'givenName: "Maria"<br>jobTitle: "Head of Sales"<br>mailNickname: "maria.becker"<br>surname: "Becker"<br>' +
          'userPrincipalName: "maria.becker@contoso.com" |',
        '| 107 | jonas.wagner@contoso.com | import | employeeId: "" → "107"<br>jobTitle: "Support Agent" → "Support Lead" |',
        "| 108 | elif.yilmaz@contoso.com | replace (old account retained) | — |",
        "| 109 | soeren.lindqvist@contoso.com | update | accountEnabled: false → true<br>" +
          'businessPhones: ["+49 30 1000109"] → ["+49 30 2000109"]<br>department: "Operations" → "R&amp;D \\| Tools" |',
      ].join("\n"),
    );
  });

  it("renders a run with nothing to do exactly", () => {
    const changeSet = changeSetOf([user(1, { op: "same", fields: [] }), user(2, { op: "same", fields: [] })]);
    const verdict = evaluateGuards({ changeSet, employees: 2, lastEmployees: 2 }, DEFAULT_GUARDS);
    expect(summaryMarkdown(changeSet, verdict, { stack: "prod", marker: "<!-- sticky:prod -->" })).toBe(
      [
        "<!-- sticky:prod -->",
        "## Azure AD preview for stack `prod`",
        "",
        "✅ **Would apply**: every guard passed.",
        "",
        "- ✔️ deletes: no user deletes or replaces",
        "- ✔️ disables: 0, at most 5 allowed (max(5, 20 % of 2 managed))",
        "- ✔️ skipped: 0 unreadable Personio records skipped, at most 5 % of 2 employees allowed",
        "- ✔️ empty: Personio lists 2 employees",
        "- ✔️ shrink: Personio lists 2 employees, at least 2 needed (90 % of the last successful run's 2)",
        "",
        "### Users",
        "",
        "| Operation | Users |",
        "| --- | ---: |",
        "| same | 2 |",
        "| **total** | 2 |",
        "",
        "No changes: every user is in step with Personio.",
      ].join("\n"),
    );
  });

  it("marks a guard overridden for this run", () => {
    const changeSet = changeSetOf([user(7, { op: "delete", fields: [], retained: true })]);
    const verdict = evaluateGuards(
      { changeSet, employees: 1, lastEmployees: 1 },
      { ...DEFAULT_GUARDS, allowDeletes: true },
    );
    const markdown = summaryMarkdown(changeSet, verdict, { stack: "prod" });
    expect(markdown).toContain("✅ **Would apply**: every guard passed, some by an override for this run.\n");
    expect(markdown).toContain(
      "- ⚠️ deletes: 1 user delete/replace (employee 7), allowed by --allow-deletes\n",
    );
  });

  it("escapes table cells: pipes, backticks, HTML and newlines", () => {
    const changeSet = changeSetOf([
      user(1, {
        userPrincipalName: "a|b@contoso.com",
        fields: [
          { field: "department", old: "R&D", new: "Ops | `core`\n<!-- team -->" },
          { field: "jobTitle", old: "x\\y", new: undefined },
        ],
      }),
    ]);
    expect(summaryMarkdown(changeSet, PASSED, { stack: "prod", showNames: true }).split("\n").pop()).toBe(
      '| 1 | a\\|b@contoso.com | update | department: "R&amp;D" → "Ops \\| \\`core\\`\\\\n&lt;!-- team --&gt;"<br>' +
        'jobTitle: "x\\\\\\\\y" → (unset) |',
    );
  });

  it("never shows a password, wherever the engine put it", () => {
    const events = [...fixture("preview-mixed.json"), ...fixture("preview-initial-sync.json")];
    const changeSet = changeSetFromEvents(events);
    const verdict = evaluateGuards({ changeSet, employees: 9, lastEmployees: 9 }, DEFAULT_GUARDS);
    const markdown = summaryMarkdown(changeSet, verdict, { stack: "dev" });
    expect(JSON.stringify(events)).toContain(FIXTURE_PASSWORDS[0]);
    for (const password of FIXTURE_PASSWORDS) {
      expect(markdown).not.toContain(password);
      expect(JSON.stringify(changeSet)).not.toContain(password);
    }
    expect(markdown).not.toMatch(/password/i);
  });

  it("shows secrets as [secret]", () => {
    const changeSet = changeSetOf([
      user(1, { fields: [{ field: "mobilePhone", old: "[secret]", new: "[secret]" }] }),
    ]);
    expect(summaryMarkdown(changeSet, PASSED, { stack: "prod", showNames: true })).toContain(
      "| 1 | employee1@contoso.com | update | mobilePhone: [secret] → [secret] |",
    );
  });

  describe("fits GitHub's comment limit", () => {
    it.each([
      ["by id only", false, NOTE, (n: number) => `| ${n} | update | department, jobTitle |`],
      ["with showNames", true, NOTE_WITH_NAMES, (n: number) => `| ${n} | employee${n}@contoso.com |`],
    ])(
      "%s: cuts 10,000 changed users row-wise and ends with a note that counts the rest",
      (_, showNames, pattern, row) => {
        const markdown = summaryMarkdown(bigChangeSet(), PASSED, { stack: "prod", showNames });
        expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
        const note = pattern.exec(markdown);
        expect(note?.[2]).toBe("65,536");
        const shown = markdown.split("\n").filter((line) => /^\| \d+ \| /.test(line)).length;
        expect(shown).toBeGreaterThan(100);
        expect(Number(note?.[1]?.replace(/,/g, ""))).toBe(10_000 - shown);
        // Whole rows only, the last one shown being the one before the first left out.
        expect(markdown).toContain(row(shown));
        expect(markdown).not.toContain(row(shown + 1));
        expect(markdown.startsWith("<!-- personio-azuread-preview -->\n")).toBe(true);
        expect(markdown).toContain("### Changed users (10,000)");
        expect(markdown.includes("@contoso.com")).toBe(showNames);
      },
    );

    it.each([false, true])(
      "uses the room well: less than one row short of the limit (showNames %s)",
      (showNames) => {
        const markdown = summaryMarkdown(bigChangeSet(), PASSED, { stack: "prod", showNames });
        const row = markdown.split("\n").find((line) => line.startsWith("| 1 |")) as string;
        expect(GITHUB_COMMENT_LIMIT - markdown.length).toBeLessThan(row.length + 1 + 20);
      },
    );

    it.each([false, true])(
      "keeps every section and its count when all of them are long (showNames %s)",
      (showNames) => {
        const users = Array.from({ length: 3_000 }, (_, i) =>
          user(i + 1, {
            op: "import",
            adoption: true,
            disables: i % 2 === 0,
            fields:
              i % 2 === 0
                ? [{ field: "accountEnabled", old: true, new: false }]
                : [{ field: "jobTitle", old: "Agent", new: "Support Agent" }],
          }),
        );
        const others = Array.from({ length: 2_000 }, (_, i) => ({
          urn: `urn:pulumi:prod::personio-azuread::azuread:index/group:Group::group-${i}`,
          type: "azuread:index/group:Group",
          op: "create" as const,
        }));
        const markdown = summaryMarkdown(changeSetOf(users, others), PASSED, {
          stack: "prod",
          maxChars: 20_000,
          showNames,
        });
        expect(markdown.length).toBeLessThanOrEqual(20_000);
        for (const heading of [
          "Disables (1,500)",
          "Adoptions (3,000)",
          "Other changes (2,000)",
          "Changed users (3,000)",
        ]) {
          expect(markdown).toContain(`### ${heading}`);
        }
        for (const noun of ["disables", "adoptions", "other changes", "changed users"]) {
          expect(markdown).toMatch(new RegExp(`_… (and [\\d,]+ more|[\\d,]+) ${noun} not shown`));
        }
        expect(markdown).toMatch(showNames ? NOTE_WITH_NAMES : NOTE);
      },
    );

    it("cuts tables of any size and mix without overshooting (only the head can force a hard cut)", () => {
      const row = fc.record({
        op: fc.constantFrom<OpType>("create", "update", "import", "delete", "same"),
        disables: fc.boolean(),
        title: fc.string({ maxLength: 120 }),
      });
      fc.assert(
        fc.property(
          fc.array(row, { maxLength: 3_000 }),
          fc.nat({ max: 500 }),
          fc.integer({ min: 1, max: 70_000 }),
          fc.boolean(),
          (rows, others, maxChars, showNames) => {
            const users = rows.map((r, i) =>
              user(i + 1, {
                op: r.op,
                disables: r.disables,
                adoption: r.op === "import",
                fields: [{ field: "jobTitle", old: "x", new: r.title }],
              }),
            );
            const otherChanges = Array.from({ length: others }, (_, i) => ({
              urn: `urn:pulumi:prod::personio-azuread::azuread:index/group:Group::group-${i}`,
              type: "azuread:index/group:Group",
              op: "create" as const,
            }));
            const markdown = summaryMarkdown(changeSetOf(users, otherChanges), PASSED, {
              stack: "prod",
              maxChars,
              showNames,
            });
            expect(markdown.length).toBeLessThanOrEqual(maxChars);
            if (maxChars >= 4_000) expect(markdown).not.toContain("_… cut at the comment limit");
          },
        ),
        { numRuns: 200 },
      );
    });

    const thousandDisables = (): ChangeSet =>
      changeSetOf(
        Array.from({ length: 10_000 }, (_, i) =>
          i % 10 === 0
            ? user(i + 1, { disables: true, fields: [{ field: "accountEnabled", old: true, new: false }] })
            : user(i + 1),
        ),
      );

    it("with showNames: cuts 1,000 disables and 10,000 changed users to fit, keeping both notes", () => {
      const markdown = summaryMarkdown(thousandDisables(), PASSED, { stack: "prod", showNames: true });
      expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(markdown).toMatch(/_… and [\d,]+ more disables not shown/);
      expect(markdown).toMatch(NOTE_WITH_NAMES);
    });

    it("by id only: keeps all 1,000 disables (short rows) and cuts the 10,000 changed users", () => {
      const markdown = summaryMarkdown(thousandDisables(), PASSED, { stack: "prod" });
      expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(markdown).toContain("| 9991 |\n\n### Changed users (10,000)");
      expect(markdown).not.toContain("disables not shown");
      expect(markdown).toMatch(NOTE);
    });

    it.each([1, 10, 40, 200, 500, 1_000, 2_000, 5_000, 65_536])(
      "is never longer than maxChars %i",
      (maxChars) => {
        const changeSet = changeSetFromEvents(fixture("preview-mixed.json"));
        const verdict = evaluateGuards({ changeSet, employees: 9, lastEmployees: 10 }, DEFAULT_GUARDS);
        for (const set of [changeSet, bigChangeSet(2_000)]) {
          for (const showNames of [false, true]) {
            expect(
              summaryMarkdown(set, verdict, { stack: "prod", maxChars, showNames }).length,
            ).toBeLessThanOrEqual(maxChars);
          }
        }
      },
    );

    it("says so when even the verdict does not fit", () => {
      const markdown = summaryMarkdown(bigChangeSet(10), PASSED, { stack: "prod", maxChars: 300 });
      expect(markdown.length).toBeLessThanOrEqual(300);
      expect(markdown).toMatch(
        /_… cut at the comment limit of 300 characters; run `npm run preview -- --stack prod` locally for the full summary\._$/,
      );
    });

    it("with showNames: says so when even the verdict does not fit, keeping the flag", () => {
      const markdown = summaryMarkdown(bigChangeSet(10), PASSED, {
        stack: "prod",
        maxChars: 300,
        showNames: true,
      });
      expect(markdown.length).toBeLessThanOrEqual(300);
      expect(markdown).toMatch(
        /_… cut at the comment limit of 300 characters; run `npm run preview -- --stack prod --show-names` locally for the full summary\._$/,
      );
    });

    it("never cuts a character in half", () => {
      const changeSet = changeSetOf([user(1, { userPrincipalName: "😀".repeat(100) })]);
      for (let maxChars = 1; maxChars < 240; maxChars++) {
        const markdown = summaryMarkdown(changeSet, PASSED, { stack: "prod", maxChars, showNames: true });
        expect(markdown.length).toBeLessThanOrEqual(maxChars);
        expect(markdown).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }
    });
  });

  it("is deterministic", () => {
    const changeSet = changeSetFromEvents(fixture("preview-mixed.json"));
    const verdict = evaluateGuards({ changeSet, employees: 9, lastEmployees: 10 }, DEFAULT_GUARDS);
    expect(summaryMarkdown(changeSet, verdict, { stack: "dev" })).toBe(
      summaryMarkdown(changeSetFromEvents(fixture("preview-mixed.json")), verdict, { stack: "dev" }),
    );
  });

  it.each([0, -1, 1.5])("fails on maxChars %s", (maxChars) => {
    expect(() => summaryMarkdown(changeSetOf([]), PASSED, { stack: "prod", maxChars })).toThrow(
      new RangeError(`Invalid value for maxChars: ${maxChars}. Allowed values are: a whole number >= 1.`),
    );
  });
});

describe("summaryMarkdown: joiners, leavers and rehires ahead", () => {
  it("shows each employee's next lifecycle event and the possible rehires from the program's output", () => {
    const changeSet: ChangeSet = {
      ...changeSetOf([user(1)]),
      stackOutputs: {
        lifecycle: {
          nextEvents: [
            { employeeId: "25", event: "disable", date: "2026-12-01" },
            { employeeId: "68", event: "create", date: "2026-12-03" },
          ],
          rehires: [{ employeeId: "812", previousEmployeeId: "97" }],
        },
      },
    };
    const markdown = summaryMarkdown(changeSet, PASSED, { stack: "prod" });
    expect(markdown).toContain(
      [
        "### Next lifecycle events (2)",
        "",
        "At 00:00 company time on these days:",
        "",
        "| Employee | Event | Date |",
        "| --- | --- | --- |",
        "| 25 | disable | 2026-12-01 |",
        "| 68 | create | 2026-12-03 |",
      ].join("\n"),
    );
    expect(markdown).toContain("| Employee | Disabled account of employee |\n| --- | --- |\n| 812 | 97 |");
  });

  it("shows neither section without the output (a stack from an older version)", () => {
    const markdown = summaryMarkdown(changeSetOf([user(1)]), PASSED, { stack: "prod" });
    expect(markdown).not.toContain("Next lifecycle events");
    expect(markdown).not.toContain("Possible rehires");
  });
});

describe("summaryMarkdown: names no one by default (the comment is public to every reader of the repository)", () => {
  it("lists creates, updates, disables, adoptions and memberships by employee id only, exactly", () => {
    const changeSet = mixedWithMemberships();
    const verdict = evaluateGuards({ changeSet, employees: 9, lastEmployees: 10 }, DEFAULT_GUARDS);
    const markdown = summaryMarkdown(changeSet, verdict, { stack: "dev" });
    expect(markdown.slice(markdown.indexOf("Group memberships: "))).toBe(
      [
        "Group memberships: 2 joins, 2 leaves, 1 taken over (already members).",
        "",
        "Employees are shown by Personio id only: UPNs, names and changed values are left out of this comment. " +
          "For a private repository, `npm run preview -- --show-names` lists them.",
        "",
        "### Disables (1)",
        "",
        "Accounts that would be blocked from signing in:",
        "",
        "| Employee |",
        "| --- |",
        "| 103 |",
        "",
        "### Adoptions (1)",
        "",
        "Existing Azure AD accounts this stack would take over:",
        "",
        "| Employee |",
        "| --- |",
        "| 107 |",
        "",
        "### Group memberships (5)",
        "",
        "Joins and leaves in the groups this stack fills from Personio:",
        "",
        "| Employee | Group | Change |",
        "| --- | --- | --- |",
        "| 105 | sg-pipeline | joins |",
        "| a new account (id known after apply) | sg-pipeline | joins |",
        "| 107 | Zendesk Agents | already a member; now kept in step |",
        "| 103 | Zendesk Agents | leaves |",
        "| not from Personio: 5d0c1a2b-0000-4000-8000-000000000001 | Zendesk Agents | leaves |",
        "",
        "### Other changes (2)",
        "",
        "| Resource | Type | Operation |",
        "| --- | --- | --- |",
        "| default_6_10_0 | pulumi:providers:azuread | create |",
        "| default_6_9_1 | pulumi:providers:azuread | delete |",
        "",
        "### Changed users (8)",
        "",
        "| Employee | Operation | Changes |",
        "| --- | --- | --- |",
        "| 102 | update | jobTitle, officeLocation |",
        "| 103 | update | accountEnabled: true → false |",
        "| 104 | delete | released from the stack; the account stays in Azure AD |",
        "| 105 | create | accountEnabled: true, department, displayName, employeeId, givenName, jobTitle, " +
          "mailNickname, managerId, surname, userPrincipalName |",
        "| 106 | create | accountEnabled: true, department, displayName, employeeId, givenName, jobTitle, " +
          "mailNickname, surname, userPrincipalName |",
        "| 107 | import | employeeId, jobTitle |",
        "| 108 | replace (old account retained) | — |",
        "| 109 | update | accountEnabled: false → true, businessPhones, department |",
      ].join("\n"),
    );
  });

  it("contains none of the preview's UPNs, names, phones or titles; showNames (--show-names) restores them", () => {
    const events = [...fixture("preview-mixed.json"), ...fixture("preview-initial-sync.json")];
    const changeSet: ChangeSet = {
      ...changeSetFromEvents(events),
      memberships: mixedWithMemberships().memberships,
    };
    const verdict = evaluateGuards({ changeSet, employees: 9, lastEmployees: 9 }, DEFAULT_GUARDS);
    const personal = personalValues(events);
    expect(personal).toEqual(expect.arrayContaining(["juergen.weber@contoso.com", "Łukasz Nowak", "Nowak"]));
    const byId = summaryMarkdown(changeSet, verdict, { stack: "dev" });
    expect(personal.filter((value) => byId.includes(value))).toEqual([]);
    expect(byId).not.toMatch(/@/);
    const named = summaryMarkdown(changeSet, verdict, { stack: "dev", showNames: true });
    const changed = changeSet.users.filter((u) => u.op !== "same");
    expect(changed.length).toBe(12);
    for (const { employeeId, userPrincipalName } of changed) {
      expect(named).toContain(`| ${employeeId} | ${userPrincipalName} | `);
    }
    expect(named).toContain('displayName: "Łukasz Nowak"');
    expect(named).not.toContain("Employees are shown by Personio id only");
  });

  it("omits the note on what is left out when no user changes", () => {
    const changeSet: ChangeSet = {
      ...changeSetOf([user(1, { op: "same", fields: [] })]),
      memberships: [{ employeeId: "1", memberObjectId: undefined, group: "sg-pipeline", change: "join" }],
    };
    expect(summaryMarkdown(changeSet, PASSED, { stack: "prod" })).not.toContain("--show-names");
  });
});
