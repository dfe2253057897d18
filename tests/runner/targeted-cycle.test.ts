import { readFileSync } from "node:fs";
import path from "node:path";
import { companyWithLogins, LOGIN, upnsFor } from "../write-back/fixtures";
import { programEvents, userInputs } from "../fixtures/engine-events";
import {
  calls,
  COUNTS,
  dir,
  EMPLOYEES,
  reconcileOnce,
  sandbox,
  scenario,
  useStubWorld,
} from "./stub-harness";

/** Issue 23, on demand: `reconcile --once --only 3,5` against the stub CLI and a 10-employee sandbox. */
useStubWorld();

const PREFIX = "urn:pulumi:prod::personio-azuread::";
const STACK = `${PREFIX}pulumi:pulumi:Stack::personio-azuread-prod`;
const user = (id: string) =>
  `${PREFIX}personio-azuread:index:Directory$azuread:index/user:User::employee-${id}`;
const members = (id: string) =>
  `${PREFIX}personio-azuread:index:Groups$azuread:index/groupMember:GroupMember::member-${id}-*`;

const update = programEvents(
  [
    {
      employeeId: "3",
      op: "update",
      old: userInputs("3", "user3@contoso.com", { department: "A" }),
      new: userInputs("3", "user3@contoso.com", { department: "B" }),
      diffs: ["department"],
    },
  ],
  { ...COUNTS, employees: 10 },
);
const outputs = (managed: number) =>
  JSON.stringify({
    counts: { ...COUNTS, employees: 10, managed },
    principalNames: Object.fromEntries(upnsFor([1, 2, 3, 4, 5, 6, 7, 8, 9])),
  });

function argvOf(command: string): string[][] {
  return readFileSync(path.join(dir, "calls.log"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string[])
    .filter((argv) => argv[0] === command);
}

/** The values of every `--target` in one CLI call, in order. */
function targetsOf(argv: readonly string[]): string[] {
  return argv.flatMap((arg, i) => (arg === "--target" ? [argv[i + 1] as string] : []));
}

const patched = () =>
  sandbox.requests.filter((r) => r.method === "PATCH").map((r) => Number(r.path.split("/").pop()));

beforeEach(() => {
  sandbox.setEmployees(companyWithLogins(10, { 1: "user1@contoso.com", 2: "user2@contoso.com" }));
  sandbox.clearRequests();
});
afterAll(() => sandbox.setEmployees(EMPLOYEES));

describe("reconcile --once --only", () => {
  it("limits preview and up to the employees' accounts and memberships, with the stack's outputs", async () => {
    scenario({
      preview: { events: update },
      up: { events: update },
      "stack output": { stdout: outputs(60) },
    });
    const run = await reconcileOnce(["--only", "5,3", "--refresh-every", "1s"]);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const expected = [STACK, user("3"), members("3"), user("5"), members("5")];
    const [preview] = argvOf("preview");
    const [up] = argvOf("up");
    expect(targetsOf(preview ?? [])).toEqual(expected);
    expect(targetsOf(up ?? [])).toEqual(expected);
    expect([...(preview ?? []), ...(up ?? [])]).not.toContain("--target-dependents");
    // No refresh even though one is due, and no success recorded for the stack (no `stack tag set`).
    expect(calls()).toEqual([
      "version",
      "stack select",
      "stack tag",
      "stack history",
      "config",
      "config get",
      "stack output",
      "preview",
      "up",
      "stack output",
      "stack output",
      "stack history",
    ]);
    expect(run.out.find((line) => line.includes("cycle.targeted"))).toMatch(
      /info cycle\.targeted only=3,5 count=2$/,
    );
  }, 30_000);

  it("fails with exit 2 naming an id Personio does not list, before any preview", async () => {
    scenario({
      preview: { events: update },
      up: { events: update },
      "stack output": { stdout: outputs(60) },
    });
    const run = await reconcileOnce(["--only", "3,999,12"]);
    expect(run.code).toBe(2);
    expect(calls()).not.toContain("preview");
    expect(calls()).not.toContain("up");
    expect(run.out.find((line) => line.includes("cycle.failed"))).toMatch(
      /error cycle\.failed reason="Invalid value for --only: 12, 999\. Allowed: ids of employees Personio lists \(10 listed now\)\." unknownIds=2$/,
    );
  }, 30_000);

  it("writes back for the targeted employees only", async () => {
    scenario(
      { preview: { events: update }, up: { events: update }, "stack output": { stdout: outputs(60) } },
      { writeBack: { attribute: LOGIN } },
    );
    const run = await reconcileOnce(["--only", "3,5"]);
    expect(run.code).toBe(0);
    expect(patched().sort((a, b) => a - b)).toEqual([3, 5]);
    expect(run.out.find((l) => l.includes("cycle.write_back"))).toMatch(
      /info cycle\.write_back status="applied, 2 written back" planned=2 written=2 failed=0$/,
    );
  }, 30_000);
});

describe("reconcile --once --only: the guards on the targeted change set", () => {
  const ids = ["1", "2", "3", "4", "5", "6"];
  const disables = programEvents(
    ids.map((id) => ({
      employeeId: id,
      op: "update",
      old: userInputs(id, `user${id}@contoso.com`),
      new: userInputs(id, `user${id}@contoso.com`, { accountEnabled: false }),
      diffs: ["accountEnabled"],
    })),
    { ...COUNTS, employees: 10 },
  );

  it("measures 6 disables against 20 % of all 60 managed accounts, not of the 6 targeted", async () => {
    scenario({
      preview: { events: disables },
      up: { events: disables },
      "stack output": { stdout: outputs(60) },
    });
    const run = await reconcileOnce(["--only", ids.join(",")]);
    expect(run.code).toBe(0);
    expect(calls()).toContain("up");
  }, 30_000);

  it("refuses (exit 2) 6 disables when the stack manages 20 accounts (threshold 5)", async () => {
    scenario({
      preview: { events: disables },
      up: { events: disables },
      "stack output": { stdout: outputs(20) },
    });
    const run = await reconcileOnce(["--only", ids.join(",")]);
    expect(run.code).toBe(2);
    expect(calls()).not.toContain("up");
    expect(run.out.find((l) => l.includes("guard.refused"))).toContain(
      "disables: 6 accounts would be disabled, more than the threshold 5 (max(5, 20 % of 20 managed))",
    );
  }, 30_000);
});
