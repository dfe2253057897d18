import {
  baseResources,
  type CheckpointResource,
  CheckpointMeter,
  checkpointOf,
  secret,
  urnOf,
} from "../../bench/checkpoint";

const bytes = (value: unknown, indent?: number) => Buffer.byteLength(JSON.stringify(value, null, indent));

const USERS = [1, 2, 3].map((n) => ({
  type: "azuread:index/user:User",
  name: `employee-${n}`,
  custom: true,
  id: `obj-employee-${n}`,
  inputs: {
    displayName: `User ${n}`,
    userPrincipalName: `user.${n}@contoso.com`,
    password: "Initial-Pa55word!",
    ...(n === 1 ? {} : { managerId: "obj-employee-1" }),
  },
}));

describe("CheckpointMeter", () => {
  it("measures exactly the bytes of the export document, compact and indented by 4 spaces", () => {
    const meter = new CheckpointMeter("prod-0", "personio-azuread");
    const resources = USERS.map((user) => meter.resourceOf(user));
    for (const resource of resources) meter.add(resource);
    const outputs = { employees: 3, initialPasswords: secret('{"1":"x"}') };
    const sizes = meter.finish(outputs);

    const [stack, provider] = baseResources("prod-0", "personio-azuread");
    const document = (stackOutputs: unknown, users: readonly CheckpointResource[]) =>
      checkpointOf([{ ...stack, outputs: stackOutputs }, provider, ...users]);
    const final = document(outputs, resources);
    const steps = [
      checkpointOf([stack]),
      checkpointOf([stack, provider]),
      ...resources.map((_, k) => document({}, resources.slice(0, k + 1))),
    ];
    expect(sizes).toEqual({
      resources: 5,
      bytes: bytes(final),
      indentedBytes: bytes(final, 4),
      firstUpBytes: steps.reduce((sum, step) => sum + bytes(step), 0) + bytes(final),
      firstUpIndentedBytes: steps.reduce((sum, step) => sum + bytes(step, 4), 0) + bytes(final, 4),
    });
  });

  it("records a user as the azuread provider stores it: all 49 properties, secrets encrypted, manager a dependency", () => {
    const resource = new CheckpointMeter("prod-0", "personio-azuread").resourceOf(USERS[1]!);
    const userUrn = (name: string) =>
      urnOf(
        "prod-0",
        "personio-azuread",
        "azuread:index/user:User",
        name,
        "personio-azuread:index:Directory",
      );
    expect(resource).toMatchObject({
      urn: userUrn("employee-2"),
      id: "obj-employee-2",
      parent: "urn:pulumi:prod-0::personio-azuread::personio-azuread:index:Directory::personio",
      dependencies: [userUrn("employee-1")],
      retainOnDelete: true,
    });
    const outputs = resource["outputs"] as Record<string, unknown>;
    expect(Object.keys(outputs).filter((key) => key !== "__meta")).toHaveLength(49);
    expect(outputs).toMatchObject({
      mail: "user.2@contoso.com",
      objectId: "obj-employee-2",
      userType: "Member",
    });
    expect(JSON.stringify(resource)).not.toContain("Initial-Pa55word!");
  });

  it.each([
    ["", "v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAA"],
    ["Initial-Pa55word!", "v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
  ])("encrypts %j as passphrase ciphertext of the same length", (plaintext, ciphertext) => {
    expect(secret(plaintext)).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext,
    });
  });
});
