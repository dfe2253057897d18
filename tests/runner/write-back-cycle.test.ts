import { companyWithLogins, LOGIN, upnsFor } from "../write-back/fixtures";
import { programEvents, userInputs } from "../fixtures/engine-events";
import { COUNTS, EMPLOYEES, reconcileOnce, sandbox, scenario, useStubWorld } from "./stub-harness";

/** Issue 14 in the reconcile cycle: after a successful up, the UPNs go back into Personio. */
useStubWorld();

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
  COUNTS,
);
const outputs = JSON.stringify({
  counts: { ...COUNTS, employees: 10 },
  principalNames: Object.fromEntries(upnsFor([1, 2, 3, 4, 5, 6, 7, 8, 9])),
});
const patched = () =>
  sandbox.requests.filter((r) => r.method === "PATCH").map((r) => Number(r.path.split("/").pop()));

beforeEach(() => {
  sandbox.setEmployees(companyWithLogins(10, { 1: "user1@contoso.com", 2: "user2@contoso.com" }));
  sandbox.clearRequests();
});
afterAll(() => sandbox.setEmployees(EMPLOYEES));

describe("reconcile --once with writeBack", () => {
  it("writes back only the differences after up, from the cycle's own listing", async () => {
    scenario(
      { preview: { events: update }, up: { events: update }, "stack output": { stdout: outputs } },
      {
        writeBack: { attribute: LOGIN },
      },
    );
    const run = await reconcileOnce();
    expect(run.code).toBe(0);
    expect(patched().sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    // One listing for the whole cycle: the write-back diff used it, not a second one; and one client, so one
    // token for the listing and the PATCHes.
    expect(
      sandbox.requests.filter((r) => r.method === "GET" && r.path === "/v1/company/employees"),
    ).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.method === "POST" && r.path === "/v1/auth")).toHaveLength(1);
    expect(run.out.find((l) => l.includes("cycle.write_back"))).toMatch(
      /info cycle\.write_back status="applied, 7 written back" planned=7 written=7 failed=0$/,
    );
  }, 30_000);

  it("says 'applied, 1 write-back failed' and still exits 0 when Personio refuses one", async () => {
    sandbox.setFaults({ patchError: { status: 500, times: "always", employeeIds: [5] } });
    scenario(
      { preview: { events: update }, up: { events: update }, "stack output": { stdout: outputs } },
      {
        writeBack: { attribute: LOGIN },
      },
    );
    const run = await reconcileOnce();
    expect(run.code).toBe(0);
    expect(run.out.find((l) => l.includes("cycle.write_back"))).toContain(
      'warn cycle.write_back status="applied, 1 write-back failed" planned=7 written=6 failed=1',
    );
    expect(run.out.find((l) => l.includes("writeback.failed"))).toContain("employeeId=5");
  }, 60_000);

  it("writes nothing when the stack does not configure writeBack", async () => {
    scenario({ preview: { events: update }, up: { events: update }, "stack output": { stdout: outputs } });
    const run = await reconcileOnce();
    expect(run.code).toBe(0);
    expect(patched()).toEqual([]);
    expect(run.out.some((l) => l.includes("write_back"))).toBe(false);
  }, 30_000);
});
