import * as pulumi from "@pulumi/pulumi";
import { shardOf } from "../../src/contract";
import { type ProgramOutputs, runProgram } from "../../src/program";
import type { Snapshot } from "../../src/snapshot";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { installMocks, type MockWorld, type Registered, tenantUser, valueOf } from "./mocks";
import { listFromSandbox } from "./sample-company";

const ZENDESK = "0a1b2c3d-0000-4000-8000-00000000000a";
const CONFIG = {
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST" },
  ...SAMPLE_CONFIG,
  groups: [
    { attribute: "department", groupPrefix: "dept-" },
    { attribute: "department", value: "Customer Success", existingGroup: "Zendesk Agents" },
  ],
};
const ENV = { PERSONIO_BASE_URL: "http://127.0.0.1:9", PERSONIO_CLIENT_SECRET: "never-used" };
const SHARDS = 3;
/** An unreadable record whose account the tenant has, in the existing group: kept, membership and all. */
const UNREADABLE = { employeeId: 9001, field: "dynamic_1" };
const world: MockWorld = { resources: [], invokes: [], tenant: [] };
let snapshot: Snapshot;

beforeAll(async () => {
  snapshot = {
    version: 1,
    today: "2026-11-26",
    employees: await listFromSandbox(),
    skipped: [UNREADABLE],
  };
  await installMocks(world);
});
beforeEach(() => {
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  world.groups = [{ objectId: ZENDESK, displayName: "Zendesk Agents", members: ["obj-t-9001", "obj-t-5"] }];
});
afterEach(() => jest.restoreAllMocks());

/** What one run declared (components aside), its outputs resolved, and the warnings it logged. */
interface Run {
  readonly resources: Registered[];
  readonly outputs: Record<string, unknown>;
  readonly warnings: string[];
}

async function run(shard: number | undefined): Promise<Run> {
  world.resources.length = 0;
  const warn = jest.spyOn(pulumi.log, "warn");
  const outputs: ProgramOutputs = await runProgram({
    config: shard === undefined ? CONFIG : { ...CONFIG, shards: SHARDS },
    env: shard === undefined ? ENV : { ...ENV, PERSONIO_AZUREAD_SHARD: `${shard}/${SHARDS}` },
    now: new Date("2026-11-26T10:00:00Z"),
    stack: shard === undefined ? "prod" : `prod-${shard}`,
    snapshot,
    newPassword: () => "Initial-Password",
  });
  const resolved = Object.fromEntries(
    await Promise.all(
      Object.entries(outputs).map(async ([key, value]) => [
        key,
        pulumi.Output.isInstance(value) ? await valueOf(value as pulumi.Output<unknown>) : value,
      ]),
    ),
  );
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  const warnings = warn.mock.calls.map(([line]) => line);
  warn.mockRestore();
  const resources = world.resources.filter((r) => !r.type.startsWith("personio-azuread:"));
  return { resources, outputs: resolved, warnings };
}

async function shards(): Promise<Run[]> {
  const runs: Run[] = [];
  for (let index = 0; index < SHARDS; index++) runs.push(await run(index));
  return runs;
}

const byName = (resources: Registered[]): Registered[] =>
  [...resources].sort((a, b) => (a.name < b.name ? -1 : 1));
const merged = (runs: Run[], key: string): Record<string, unknown> =>
  Object.assign({}, ...runs.map((r) => r.outputs[key]));
const byId = <T extends { employeeId: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => Number(a.employeeId) - Number(b.employeeId));
const ofAll = <T>(runs: Run[], pick: (outputs: Record<string, unknown>) => T[]): T[] =>
  runs.flatMap((r) => pick(r.outputs));
type Lifecycle = { nextEvents: { employeeId: string }[]; rehires: { employeeId: string }[] };

describe("the shards of a stack, together", () => {
  it("declare exactly what the unsharded stack declares, when every employee has an account", async () => {
    world.tenant = [
      ...snapshot.employees.map((e) => tenantUser(`obj-t-${e.id}`, `t${e.id}@contoso.com`, String(e.id))),
      tenantUser("obj-t-9001", "t9001@contoso.com", "9001"),
    ];
    const whole = await run(undefined);
    const parts = await shards();

    expect(byName(parts.flatMap((p) => p.resources))).toEqual(byName(whole.resources));
    expect(
      parts.map((p) => p.resources.filter((r) => r.type === "azuread:index/group:Group").length),
    ).toEqual([whole.resources.filter((r) => r.type === "azuread:index/group:Group").length, 0, 0]);
    expect(merged(parts, "principalNames")).toEqual(whole.outputs["principalNames"]);
    expect(merged(parts, "initialPasswords")).toEqual(whole.outputs["initialPasswords"]);
    const counts = whole.outputs["counts"] as Record<string, number>;
    for (const key of Object.keys(counts)) {
      const sum = parts.reduce(
        (total, p) => total + (p.outputs["counts"] as Record<string, number>)[key]!,
        0,
      );
      expect([key, sum]).toEqual([key, counts[key]]);
    }
    const skipped = (o: Record<string, unknown>) => o["skipped"] as { employeeId: string }[];
    expect(byId(ofAll(parts, skipped))).toEqual(byId(skipped(whole.outputs)));
    const lifecycle = (o: Record<string, unknown>) => o["lifecycle"] as Lifecycle;
    expect(byId(ofAll(parts, (o) => lifecycle(o).nextEvents))).toEqual(lifecycle(whole.outputs).nextEvents);
    expect(byId(ofAll(parts, (o) => lifecycle(o).rehires))).toEqual(byId(lifecycle(whole.outputs).rehires));
    const groups = (o: Record<string, unknown>) => o["groups"] as Record<string, number>;
    expect(parts.map((p) => groups(p.outputs))).toEqual([
      { ...groups(whole.outputs), memberships: groups(parts[0]!.outputs)["memberships"] },
      { groups: 1, created: 0, existing: 1, memberships: groups(parts[1]!.outputs)["memberships"] },
      { groups: 1, created: 0, existing: 1, memberships: groups(parts[2]!.outputs)["memberships"] },
    ]);
    expect(parts.reduce((total, p) => total + groups(p.outputs)["memberships"]!, 0)).toBe(
      groups(whole.outputs)["memberships"],
    );
    for (const part of parts) {
      expect(part.outputs["existingGroups"]).toEqual(whole.outputs["existingGroups"]);
      expect([part.outputs["crossShardManagersPending"], part.outputs["crossShardMembersPending"]]).toEqual([
        0, 0,
      ]);
    }
    expect(parts.flatMap((p) => p.warnings).sort()).toEqual([...whole.warnings].sort());
  });

  it("declare what the unsharded stack declares, less the links to accounts another shard creates", async () => {
    world.tenant = [tenantUser("obj-t-9001", "t9001@contoso.com", "9001")];
    const whole = await run(undefined);
    const parts = await shards();

    // Users are employee-<id>; a new account's object id is obj-employee-<id> under the mocks.
    const shardOfName = (name: string) => shardOf(name.replace(/^(obj-)?employee-/, ""), SHARDS);
    let managersPending = 0;
    let membersPending = 0;
    const expected = whole.resources.map((resource) => {
      const { managerId, members } = resource.inputs as { managerId?: string; members?: string[] };
      if (managerId?.startsWith("obj-employee-") && shardOfName(managerId) !== shardOfName(resource.name)) {
        managersPending++;
        const inputs = { ...resource.inputs };
        delete inputs["managerId"];
        return { ...resource, inputs };
      }
      if (members === undefined) return resource;
      const own = members.filter((m) => shardOfName(m) === 0);
      membersPending += members.length - own.length;
      return { ...resource, inputs: { ...resource.inputs, members: own } };
    });
    expect(byName(parts.flatMap((p) => p.resources))).toEqual(byName(expected));
    expect([managersPending > 0, membersPending > 0]).toEqual([true, true]);
    const pending = (key: string) => parts.reduce((total, p) => total + (p.outputs[key] as number), 0);
    expect([pending("crossShardManagersPending"), pending("crossShardMembersPending")]).toEqual([
      managersPending,
      membersPending,
    ]);
    expect(merged(parts, "principalNames")).toEqual(whole.outputs["principalNames"]);
    expect(merged(parts, "initialPasswords")).toEqual(whole.outputs["initialPasswords"]);
  });
});
