import * as pulumi from "@pulumi/pulumi";
import { SHARD_ENV, shardOf } from "../../src/contract";
import { runProgram, type ProgramOutputs } from "../../src/program";
import { type MockWorld, type Registered, tenantUser, valueOf } from "./mocks";
import { useSampleSandbox } from "./sample-company";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

const ZENDESK = "0a1b2c3d-0000-4000-8000-00000000000a";
const CONFIG = {
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST" },
  ...SAMPLE_CONFIG,
  groups: [
    { attribute: "department", groupPrefix: "dept-" },
    { attribute: "department", value: "Customer Success", existingGroup: "Zendesk Agents" },
  ],
};
const NOW = new Date("2026-11-26T10:00:00Z");
const USER = "azuread:index/user:User";
const GROUP = "azuread:index/group:Group";
const MEMBER = "azuread:index/groupMember:GroupMember";

const world: MockWorld = { resources: [], invokes: [], tenant: [] };
const sample = useSampleSandbox(world);

beforeEach(() => {
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  world.resources.length = 0;
  world.invokes.length = 0;
  world.tenant = [];
  world.groups = [{ objectId: ZENDESK, displayName: "Zendesk Agents" }];
});
afterEach(() => {
  jest.restoreAllMocks();
});

async function run(
  shard: string | undefined,
  stack: string,
  config: Record<string, unknown> = CONFIG,
): Promise<ProgramOutputs> {
  const outputs = await runProgram({
    config,
    env: {
      PERSONIO_BASE_URL: sample.sandbox.baseUrl,
      PERSONIO_CLIENT_SECRET: sample.sandbox.credentials.clientSecret,
      ...(shard === undefined ? {} : { [SHARD_ENV]: shard }),
    },
    now: NOW,
    stack,
    newPassword: () => "Initial-Password",
  });
  await valueOf(outputs.initialPasswords);
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return outputs;
}

/** One run's resources of a type; the world is emptied for the next run. */
async function declared(shard: string | undefined, stack: string, config: Record<string, unknown> = CONFIG) {
  world.resources.length = 0;
  const outputs = await run(shard, stack, config);
  const of = (type: string): Registered[] => world.resources.filter((r) => r.type === type);
  return { outputs, users: of(USER), groups: of(GROUP), members: of(MEMBER) };
}

const idOf = (user: Registered) => user.name.replace("employee-", "");

describe("a sharded stack's program, under mocks", () => {
  it.each([
    [
      "the runner's variable is missing",
      undefined,
      "test-1",
      `Missing ${SHARD_ENV}: personio-azuread:shards is 3, so the program runs only in a shard stack (<stack>-<i>) with ${SHARD_ENV}="<i>/3", which the reconcile runner sets. Allowed: run the stacks through npm run reconcile, or set shards to 1.`,
    ],
    [
      "the variable's N is not the config's",
      "1/4",
      "test-1",
      `Invalid value for ${SHARD_ENV}: "1/4". Allowed: "<i>/3", as personio-azuread:shards is 3.`,
    ],
    [
      "the stack is not <stack>-<i>",
      "1/3",
      "test-2",
      'Invalid stack for shard 1/3: "test-2". Allowed: a stack named <stack>-1.',
    ],
    [
      "the variable is malformed",
      "3/3",
      "test-3",
      `Invalid value for ${SHARD_ENV}: "3/3". Allowed: "<i>/<N>" with N from 1 to 64 and i from 0 to N-1, e.g. "3/8".`,
    ],
  ])("fails with one line, declaring nothing, when %s", async (_case, shard, stack, message) => {
    await expect(run(shard, stack, { ...CONFIG, shards: 3 })).rejects.toThrow(new pulumi.RunError(message));
    expect(world.resources).toEqual([]);
    expect(world.invokes).toEqual([]);
  });

  it("splits the users among the shards by shardOf, each exactly once, and counts each shard's own", async () => {
    const whole = await declared(undefined, "test");
    const all = whole.users.map(idOf).sort();
    const seen: string[] = [];
    let managed = 0;
    for (const index of [0, 1, 2]) {
      const part = await declared(`${index}/3`, `test-${index}`, { ...CONFIG, shards: 3 });
      const ids = part.users.map(idOf);
      expect(ids.filter((id) => shardOf(id, 3) !== index)).toEqual([]);
      expect(part.outputs.counts.managed).toBe(ids.length);
      expect(Object.keys(await valueOf(part.outputs.principalNames)).sort()).toEqual([...ids].sort());
      managed += part.outputs.counts.managed;
      seen.push(...ids);
    }
    expect(seen.sort()).toEqual(all);
    expect(managed).toBe(whole.outputs.counts.managed);
    expect(whole.outputs).not.toHaveProperty("crossShardManagersPending");
  });

  it("links a manager in another shard by the object id of their account, or counts the link as pending", async () => {
    // Employee 2 (shard 1 of 2) reports to employee 1 (shard 0).
    expect([shardOf("2", 2), shardOf("1", 2)]).toEqual([1, 0]);
    const whole = await declared(undefined, "test");
    const managerOf = new Map(whole.users.map((u) => [idOf(u), u.inputs["managerId"] as string | undefined]));
    const crossing = [...managerOf].filter(
      ([id, manager]) =>
        manager !== undefined && shardOf(manager.replace("obj-employee-", ""), 2) !== shardOf(id, 2),
    );
    const shard1 = await declared("1/2", "test-1", { ...CONFIG, shards: 2 });
    const pending = crossing.filter(([id]) => shardOf(id, 2) === 1).map(([id]) => id);
    expect(pending).toContain("2");
    expect(shard1.outputs.crossShardManagersPending).toBe(pending.length);
    for (const user of shard1.users) {
      const expected = pending.includes(idOf(user)) ? undefined : managerOf.get(idOf(user));
      expect([idOf(user), user.inputs["managerId"]]).toEqual([idOf(user), expected]);
    }

    world.tenant = [tenantUser("obj-ceo", "katharina.vogel@contoso.com", "1")];
    const linked = await declared("1/2", "test-1", { ...CONFIG, shards: 2 });
    expect(linked.users.find((u) => idOf(u) === "2")?.inputs["managerId"]).toBe("obj-ceo");
    expect(linked.outputs.crossShardManagersPending).toBe(
      pending.filter((id) => managerOf.get(id) !== "obj-employee-1").length,
    );
  });

  it("declares created groups in shard 0 only, other shards' members by their existing accounts", async () => {
    const whole = await declared(undefined, "test");
    const sales = (g: Registered[]) => g.find((r) => r.name === "group-dept-sales")?.inputs["members"];
    const salesIds = (sales(whole.groups) as string[]).map((m) => m.replace("obj-employee-", ""));
    const [inShard0, elsewhere] = [
      salesIds.filter((id) => shardOf(id, 2) === 0),
      salesIds.filter((id) => shardOf(id, 2) !== 0),
    ];
    expect([inShard0.length > 0, elsewhere.length > 0]).toEqual([true, true]);
    const adoptedId = elsewhere[0] as string;
    world.tenant = [tenantUser("obj-adopted", "someone@contoso.com", adoptedId)];

    const shard0 = await declared("0/2", "test-0", { ...CONFIG, shards: 2 });
    const shard1 = await declared("1/2", "test-1", { ...CONFIG, shards: 2 });
    expect(shard0.groups.map((g) => g.name).sort()).toEqual(whole.groups.map((g) => g.name).sort());
    expect(shard1.groups).toEqual([]);
    expect(sales(shard0.groups)).toEqual(
      salesIds
        .filter((id) => id === adoptedId || shardOf(id, 2) === 0)
        .map((id) => (id === adoptedId ? "obj-adopted" : `obj-employee-${id}`)),
    );
    const createdMembers = whole.groups.flatMap((g) => g.inputs["members"] as string[]);
    const waiting = createdMembers.filter(
      (m) => shardOf(m.replace("obj-employee-", ""), 2) !== 0 && m !== `obj-employee-${adoptedId}`,
    );
    expect(shard0.outputs.crossShardMembersPending).toBe(waiting.length);
    expect(shard1.outputs.crossShardMembersPending).toBe(0);

    const memberIds = (members: Registered[]) => members.map((m) => m.name.split("-")[1] as string).sort();
    expect(memberIds(shard0.members)).toEqual(memberIds(whole.members).filter((id) => shardOf(id, 2) === 0));
    expect(memberIds(shard1.members)).toEqual(memberIds(whole.members).filter((id) => shardOf(id, 2) === 1));
    expect(shard0.members.length + shard1.members.length).toBe(whole.members.length);
  });
});
