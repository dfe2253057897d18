import type { OpType } from "@pulumi/pulumi/automation";
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

describe("summaryMarkdown", () => {
  it("renders a small mix of changes exactly", () => {
    const changeSet = changeSetFromEvents(fixture("preview-mixed.json"));
    const verdict = evaluateGuards({ changeSet, employees: 9, lastEmployees: 10 }, DEFAULT_GUARDS);
    expect(summaryMarkdown(changeSet, verdict, { stack: "dev" })).toBe(
      [
        "<!-- personio-azuread-preview -->",
        "## Azure AD preview for stack `dev`",
        "",
        "⛔ **Refused**: `up` would not run; 1 of 4 guards refused. Each can be overridden for one run by the flag it names.",
        "",
        "- ⛔ deletes: 2 user deletes/replaces (employees 104, 108) — this project never deletes accounts; override with --allow-deletes",
        "- ✔️ disables: 1, at most 5 allowed (max(5, 20 % of 6 managed))",
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
    expect(summaryMarkdown(changeSet, PASSED, { stack: "prod" }).split("\n").pop()).toBe(
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
    expect(summaryMarkdown(changeSet, PASSED, { stack: "prod" })).toContain(
      "| 1 | employee1@contoso.com | update | mobilePhone: [secret] → [secret] |",
    );
  });

  describe("fits GitHub's comment limit", () => {
    it("cuts 10,000 changed users row-wise and ends with a note that counts the rest", () => {
      const markdown = summaryMarkdown(bigChangeSet(), PASSED, { stack: "prod" });
      expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      const note = NOTE.exec(markdown);
      expect(note?.[2]).toBe("65,536");
      const shown = markdown.split("\n").filter((line) => /^\| \d+ \| employee/.test(line)).length;
      expect(shown).toBeGreaterThan(100);
      expect(Number(note?.[1]?.replace(/,/g, ""))).toBe(10_000 - shown);
      // Whole rows only, the last one shown being the one before the first left out.
      expect(markdown).toContain(`| ${shown} | employee${shown}@contoso.com |`);
      expect(markdown).not.toContain(`| ${shown + 1} | employee${shown + 1}@contoso.com |`);
      expect(markdown.startsWith("<!-- personio-azuread-preview -->\n")).toBe(true);
      expect(markdown).toContain("### Changed users (10,000)");
    });

    it("uses the room well: less than one row short of the limit", () => {
      const markdown = summaryMarkdown(bigChangeSet(), PASSED, { stack: "prod" });
      const row = markdown.split("\n").find((line) => line.startsWith("| 1 |")) as string;
      expect(GITHUB_COMMENT_LIMIT - markdown.length).toBeLessThan(row.length + 1 + 20);
    });

    it("keeps every section and its count when all of them are long", () => {
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
      expect(markdown).toMatch(NOTE);
    });

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
          (rows, others, maxChars) => {
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
            });
            expect(markdown.length).toBeLessThanOrEqual(maxChars);
            if (maxChars >= 4_000) expect(markdown).not.toContain("_… cut at the comment limit");
          },
        ),
        { numRuns: 200 },
      );
    });

    it("cuts 1,000 disables and 10,000 changed users to fit, keeping both notes", () => {
      const users = Array.from({ length: 10_000 }, (_, i) =>
        i % 10 === 0
          ? user(i + 1, { disables: true, fields: [{ field: "accountEnabled", old: true, new: false }] })
          : user(i + 1),
      );
      const markdown = summaryMarkdown(changeSetOf(users), PASSED, { stack: "prod" });
      expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(markdown).toMatch(/_… and [\d,]+ more disables not shown/);
      expect(markdown).toMatch(NOTE);
    });

    it.each([1, 10, 40, 200, 500, 1_000, 2_000, 5_000, 65_536])(
      "is never longer than maxChars %i",
      (maxChars) => {
        const changeSet = changeSetFromEvents(fixture("preview-mixed.json"));
        const verdict = evaluateGuards({ changeSet, employees: 9, lastEmployees: 10 }, DEFAULT_GUARDS);
        for (const set of [changeSet, bigChangeSet(2_000)]) {
          expect(summaryMarkdown(set, verdict, { stack: "prod", maxChars }).length).toBeLessThanOrEqual(
            maxChars,
          );
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

    it("never cuts a character in half", () => {
      const changeSet = changeSetOf([user(1, { userPrincipalName: "😀".repeat(100) })]);
      for (let maxChars = 1; maxChars < 240; maxChars++) {
        const markdown = summaryMarkdown(changeSet, PASSED, { stack: "prod", maxChars });
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
