import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { runPlanCommand } from "../../src/cli/plan-command";
import { employeeLogicalName, USER_TYPE } from "../../src/contract";
import type { Plan } from "../../src/plan/plan";
import { projectConfig } from "../../src/config";
import { runProgram } from "../../src/program";
import { SAMPLE_STACK_KEYS } from "../fixtures/stack-config";
import { type MockWorld, valueOf } from "../program/mocks";
import { useSampleSandbox } from "../program/sample-company";

/**
 * The offline plan and the program are two views of one computation (src/pipeline): the same sandbox company
 * through both must give the same users, input by input.
 */
const STACK = (baseUrl: string) => `config:
  personio-azuread:personio:
    baseUrl: ${baseUrl}
    clientId: sandbox-client
${SAMPLE_STACK_KEYS}`;
const NOW = new Date("2026-11-26T10:00:00Z");
/** Plan fields that are no `azuread.User` input: the program turns the manager into `managerId`. */
const PLAN_ONLY = new Set(["adoptedObjectId", "managerEmployeeId", "managerObjectId", "groups"]);
/** Inputs only the program sets: the initial password, and the manager as the account's object id. */
const PROGRAM_ONLY = new Set(["password", "forcePasswordChange", "managerId"]);

const world: MockWorld = { resources: [], invokes: [], tenant: [] };
const sample = useSampleSandbox(world);
let dir: string;
let warnings: jest.SpyInstance;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "plan-program-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => warnings.mockRestore());

async function plan(): Promise<Plan> {
  const stack = path.join(dir, "Pulumi.test.yaml");
  const json = path.join(dir, "plan.json");
  writeFileSync(stack, STACK(sample.sandbox.baseUrl));
  const err: string[] = [];
  const code = await runPlanCommand(["--stack-config", stack, "--json", json], {
    stdout: () => undefined,
    stderr: (t) => err.push(t),
    env: { PERSONIO_CLIENT_SECRET: sample.sandbox.credentials.clientSecret },
    now: () => NOW,
  });
  expect({ code, err }).toEqual({ code: 0, err: [] });
  return JSON.parse(readFileSync(json, "utf8")) as Plan;
}

/** The config as the engine hands it to the program: strings, objects as JSON. */
function engineConfig(stack: string): Record<string, string> {
  const config = (parse(stack) as { config: Record<string, unknown> }).config;
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

async function declaredUsers(): Promise<Map<string, Record<string, unknown>>> {
  world.resources.length = 0;
  const outputs = await runProgram({
    config: projectConfig(engineConfig(STACK(sample.sandbox.baseUrl))),
    env: { PERSONIO_CLIENT_SECRET: sample.sandbox.credentials.clientSecret },
    now: NOW,
    newPassword: () => "Initial-Password-1",
  });
  await valueOf(outputs.initialPasswords);
  return new Map(world.resources.filter((r) => r.type === USER_TYPE).map((r) => [r.name, r.inputs]));
}

describe("the plan and the program render the same directory", () => {
  it("declares every planned user with the plan's values, field by field", async () => {
    const planned = await plan();
    const declared = await declaredUsers();
    expect(planned.users).toHaveLength(63);
    expect(planned.users.filter((u) => u.managerEmployeeId !== undefined)).toHaveLength(61);
    expect([...declared.keys()].sort()).toEqual(
      planned.users.map((u) => employeeLogicalName(u.employeeId)).sort(),
    );
    for (const user of planned.users) {
      const inputs = declared.get(employeeLogicalName(user.employeeId)) as Record<string, unknown>;
      const expected = Object.fromEntries(Object.entries(user).filter(([key]) => !PLAN_ONLY.has(key)));
      const actual = Object.fromEntries(Object.entries(inputs).filter(([key]) => !PROGRAM_ONLY.has(key)));
      expect({ employeeId: user.employeeId, ...actual }).toStrictEqual({
        employeeId: user.employeeId,
        ...expected,
      });
      expect(inputs["managerId"]).toBe(
        user.managerEmployeeId === undefined
          ? undefined
          : `obj-${employeeLogicalName(user.managerEmployeeId)}`,
      );
    }
  });
});
