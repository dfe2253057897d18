import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PersonioClient } from "../../src/personio";
import { runProgram, snapshotFromEnv } from "../../src/program";
import { loadSampleCompany, type Sandbox, startSandbox } from "../../src/sandbox";
import { type Snapshot, SNAPSHOT_ENV, writeSnapshot } from "../../src/snapshot";
import { installMocks, type MockWorld, valueOf } from "./mocks";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

const CONFIG = {
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST" },
  ...SAMPLE_CONFIG,
  attributeMapping: {},
};
const USER = "azuread:index/user:User";
const world: MockWorld = { resources: [], invokes: [], tenant: [] };
let sandbox: Sandbox;
let snapshot: Snapshot;

beforeAll(async () => {
  sandbox = await startSandbox({ employees: loadSampleCompany({ today: "2026-11-26" }) });
  const client = new PersonioClient({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    appId: "PERSONIO_AZUREAD_TEST",
  });
  snapshot = { version: 1, today: "2026-11-26", employees: await client.listEmployees() };
  await installMocks(world);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  world.resources.length = 0;
});
afterEach(() => jest.restoreAllMocks());

describe("the program with the runner's snapshot", () => {
  it("renders the snapshot for its date and never contacts Personio", async () => {
    // Every Personio request would fail now, and the base URL leads nowhere.
    sandbox.setFaults({ serverError: { offset: 0, status: 500, times: "always" } });
    const outputs = await runProgram({
      config: CONFIG,
      env: { PERSONIO_BASE_URL: "http://127.0.0.1:9", PERSONIO_CLIENT_SECRET: "never-used" },
      now: new Date("2027-06-01T10:00:00Z"),
      snapshot,
      newPassword: () => "Initial-Password-1",
    });
    await valueOf(outputs.initialPasswords);
    expect(world.resources.filter((r) => r.type === USER)).toHaveLength(63);
    expect(outputs.counts.employees).toBe(snapshot.employees.length);
    // What the pull-request summary shows of the coming midnights: ids, events and dates, nothing else.
    expect(outputs.lifecycle.nextEvents.length).toBeGreaterThan(0);
    for (const event of outputs.lifecycle.nextEvents) {
      expect(Object.keys(event).sort()).toEqual(["date", "employeeId", "event"]);
      expect(event.date > "2026-11-26").toBe(true);
    }
    sandbox.setFaults({});
  });
});

describe("snapshotFromEnv", () => {
  it("is undefined when the program runs on its own", () => {
    expect(snapshotFromEnv({})).toBeUndefined();
  });

  it("reads the file the runner wrote, private to its owner", () => {
    const file = writeSnapshot(snapshot);
    try {
      expect(snapshotFromEnv({ [SNAPSHOT_ENV]: file.path })).toEqual(snapshot);
    } finally {
      file.dispose();
    }
  });

  it("fails with one line naming the file, never its content, when it is not a snapshot", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "snapshot-test-"));
    const file = path.join(dir, "snapshot.json");
    writeFileSync(file, JSON.stringify({ version: 1, today: "2026-11-26", employees: [{ id: "Jane" }] }));
    try {
      expect(() => snapshotFromEnv({ [SNAPSHOT_ENV]: file })).toThrow(pulumi.RunError);
      expect(() => snapshotFromEnv({ [SNAPSHOT_ENV]: file })).toThrow(
        `Invalid Personio snapshot ${file} at employees.0.id: Invalid input: expected number, received string. Allowed: a snapshot written by this runner's version.`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
