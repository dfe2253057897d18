import * as pulumi from "@pulumi/pulumi";
import { DIRECTORY_TYPE, employeeLogicalName, USER_TYPE } from "../../src/contract";
import type { Declaration } from "../../src/program/declaration-order";
import { Directory } from "../../src/program/directory";
import type { DesiredUser } from "../../src/render";
import { installMocks, type MockWorld } from "./mocks";

const world: MockWorld = { resources: [], invokes: [], tenant: [] };

beforeAll(() => installMocks(world));

const user = (id: number, extra: Partial<DesiredUser> = {}): DesiredUser => ({
  employeeId: String(id),
  userPrincipalName: `user${id}@contoso.com`,
  displayName: `User ${id}`,
  givenName: "User",
  surname: String(id),
  mailNickname: `user${id}`,
  accountEnabled: true,
  ...extra,
});

const objectIdOf = (output: pulumi.Output<string>) =>
  new Promise<string>((resolve) => output.apply((value) => resolve(value)));

describe("Directory.declare", () => {
  it("resolves with every user declared, across batches, each a child of the component", async () => {
    // 250 users: three batches of at most 100, with event-loop turns between them.
    const declarations: Declaration[] = [
      { user: user(1), manager: undefined },
      ...Array.from({ length: 249 }, (_, i) => ({
        user: user(i + 2),
        manager: { kind: "declared" as const, employeeId: "1" },
      })),
    ];
    const directory = await Directory.declare("personio", {
      declarations,
      followRenames: false,
      newPassword: () => "Initial-Pa55!",
    });

    expect(directory.users.size).toBe(250);
    expect([...directory.users.keys()].slice(0, 3)).toStrictEqual(["1", "2", "3"]);
    expect(await objectIdOf(directory.users.get("250")!.objectId)).toBe(`obj-${employeeLogicalName("250")}`);
    await new Promise((resolve) => setImmediate(resolve));
    const users = world.resources.filter((r) => r.type === USER_TYPE);
    expect(users).toHaveLength(250);
    expect(users.every((r) => r.opts?.parent.includes(`${DIRECTORY_TYPE}::personio`))).toBe(true);
    expect(users.find((r) => r.name === employeeLogicalName("250"))?.inputs["managerId"]).toBe(
      `obj-${employeeLogicalName("1")}`,
    );
    // No employee data in the component's own inputs, so none in its state.
    expect(world.resources.find((r) => r.type === DIRECTORY_TYPE)?.inputs).toStrictEqual({});
  });
});
