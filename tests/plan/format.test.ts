import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { runPlanCommand } from "../../src/cli/plan-command";
import { formatPlan } from "../../src/plan/format";
import type { Plan, PlanUser } from "../../src/plan/plan";
import { loadSampleCompany, startSandbox } from "../../src/sandbox";
import { displayWidth } from "../../src/util/display-width";

/** The offline plan of `npm start`'s stack on the sample company, laid out at the widths people use. */
const DEMO = path.join(__dirname, "..", "..", "stacks", "Pulumi.demo.yaml");
const MAPPED = Object.keys(
  parse(readFileSync(DEMO, "utf8")).config["personio-azuread:attributeMapping"] as Record<string, string>,
);
const ALL_COLUMNS = [
  "ID",
  "User principal name",
  "Display name",
  "Enabled",
  "Account",
  "jobTitle",
  "department",
  "officeLocation",
  "Manager",
  "Groups",
  "Next event",
];
let plan: Plan;

beforeAll(async () => {
  const sandbox = await startSandbox({ employees: loadSampleCompany({ today: "2026-11-26" }) });
  const dir = mkdtempSync(path.join(tmpdir(), "format-"));
  try {
    const json = path.join(dir, "plan.json");
    const code = await runPlanCommand(["--stack-config", DEMO, "--json", json], {
      stdout: () => undefined,
      stderr: (t) => console.error(t),
      env: { PERSONIO_BASE_URL: sandbox.baseUrl, PERSONIO_CLIENT_SECRET: sandbox.credentials.clientSecret },
      now: () => new Date("2026-11-26T10:00:00Z"),
    });
    expect(code).toBe(0);
    plan = JSON.parse(readFileSync(json, "utf8")) as Plan;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.close();
  }
});

const lines = (text: string): string[] => text.split("\n");
const overWidth = (text: string, width: number): string[] =>
  lines(text).filter((line) => displayWidth(line) > width);
/** The users table's head row, as its cells. */
const usersHead = (text: string): string[] => {
  const all = lines(text);
  return (all[all.indexOf(`Users (${plan.users.length})`) + 2] ?? "")
    .split("│")
    .map((cell) => cell.trim())
    .filter((cell) => cell !== "");
};

describe("formatPlan on the sample company", () => {
  it.each([80, 100, 160])("prints no line over %i columns", (width) => {
    const text = formatPlan(plan, MAPPED, { width });
    expect(overWidth(text, width)).toEqual([]);
    expect(usersHead(text).slice(0, 2)).toEqual(["ID", "User principal name"]);
  });

  it.each([
    [80, ["ID", "User principal name", "Enabled", "Account", "Next event"]],
    [100, ["ID", "User principal name", "Enabled", "Account", "Next event"]],
    [
      160,
      [
        "ID",
        "User principal name",
        "Display name",
        "Enabled",
        "Account",
        "jobTitle",
        "department",
        "Groups",
        "Next event",
      ],
    ],
  ])("at %i columns leaves out the low-value columns first and says so", (width, shown) => {
    const text = formatPlan(plan, MAPPED, { width });
    expect(usersHead(text)).toEqual(shown);
    const left = ALL_COLUMNS.filter((head) => !shown.includes(head));
    expect(text.replace(/\n {2}/g, " ")).toContain(
      `Columns left out to fit ${width} columns: ${left.join(", ")} (--wide shows them).`,
    );
  });

  it("keeps every column and the adopted accounts' object ids with --wide", () => {
    const adopted = {
      ...plan,
      users: plan.users.map((u, i) => (i === 0 ? ({ ...u, adoptedObjectId: "obj-1" } as PlanUser) : u)),
    };
    const text = formatPlan(adopted, MAPPED);
    expect(usersHead(text)).toEqual(ALL_COLUMNS);
    expect(text).toMatch(/│ adopt obj-1 │/);
    expect(text).not.toContain("Columns left out");
  });

  it("prints the summary before the tables", () => {
    const all = lines(formatPlan(plan, MAPPED, { width: 100 }));
    expect(all.slice(0, 3)).toEqual([
      "Plan for 2026-11-26 (Europe/Berlin)",
      "Summary: 69 employees → 62 users (59 enabled, 3 disabled, 0 adopted), 7 skipped, 2 warnings; 10",
      "  groups, 101 memberships",
    ]);
    expect(all.indexOf(`Users (${plan.users.length})`)).toBe(4);
  });

  it("fits names in CJK, with combining marks and outside the BMP, never splitting a surrogate pair", () => {
    const names = [
      "山田太郎左衛門之助兵衛",
      "Zoe\u0301 Ame\u0301lie Fis\u0327cher-Lu\u0308denscheidt",
      "𠮷野𠮷野𠮷野𠮷野𠮷野",
    ];
    const users = plan.users.map(
      (u, i) => ({ ...u, displayName: names[i % names.length] ?? "" }) as PlanUser,
    );
    for (const width of [80, 100, 160]) {
      const text = formatPlan({ ...plan, users }, MAPPED, { width });
      expect(overWidth(text, width)).toEqual([]);
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    const wide = formatPlan({ ...plan, users }, MAPPED, { width: 160 });
    expect(wide).toContain("│ 山田太郎左衛門…  │");
    expect(wide).toContain("│ Zoe\u0301 Ame\u0301lie Fis\u0327c… │");
    expect(wide).toContain("│ 𠮷野𠮷野𠮷野𠮷…  │");
  });

  it("groups skipped employees by reason, a joiner with the day of creation", () => {
    const all = lines(formatPlan(plan, MAPPED, { width: 100 }));
    const at = all.indexOf("Skipped (7)");
    expect(all.slice(at, at + 7)).toEqual([
      "Skipped (7)",
      "- 3 × terminated_before_provisioning: 24, 27, 28",
      "- 1 × missing_required_attribute (email): 20",
      "- 1 × missing_required_attribute (first_name): 21",
      "- 1 × missing_required_attribute (last_name): 22",
      "- 1 × not_yet_due: 67 (create 2026-12-22)",
      "",
    ]);
  });

  it("groups warnings by kind: the count, the first three ids and how many more", () => {
    const warnings = Array.from({ length: 37 }, (_, i) => ({
      employeeId: String(12 + i),
      property: "jobTitle",
      message: "longer than 64 characters; trimmed to 64",
    }));
    const text = formatPlan({ ...plan, warnings: [...warnings, ...plan.warnings] }, MAPPED, { width: 100 });
    const at = lines(text).indexOf("Warnings (39)");
    expect(lines(text).slice(at, at + 4)).toEqual([
      "Warnings (39)",
      "! 37 × jobTitle (longer than 64 characters; trimmed to 64): 12, 13, 14, … (+34)",
      "! 2 × userPrincipalName (the login name is taken; the employee id is appended): 8, 9",
      "",
    ]);
  });
});
