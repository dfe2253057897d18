import * as pulumi from "@pulumi/pulumi";

/** The resource options the engine receives, read off the registration request itself. */
export interface SentOptions {
  readonly parent: string;
  readonly retainOnDelete: boolean;
  readonly protect: boolean;
  readonly ignoreChanges: string[];
  readonly additionalSecretOutputs: string[];
}

/** A resource as the mocks saw it, with the options the engine would see. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly importId: string | undefined;
  readonly opts: SentOptions | undefined;
}

/** What a mocked program run registered and invoked. */
export interface MockWorld {
  readonly resources: Registered[];
  readonly invokes: string[];
  /** The tenant `azuread.getUsers` answers with (Graph shape). */
  tenant: Record<string, unknown>[];
  /** The groups `azuread.getGroups` lists and `azuread.getGroup` reads; none when absent. */
  groups?: TenantGroupFixture[];
}

/** An existing group of the mocked tenant. */
export interface TenantGroupFixture {
  readonly objectId: string;
  readonly displayName: string;
  readonly members?: string[];
  readonly types?: string[];
  readonly onpremisesSyncEnabled?: boolean;
}

/**
 * Installs Pulumi mocks (not a preview, so outputs resolve) that record every resource with its options and
 * answer `azuread.getUsers` from `world.tenant` and `getGroups`/`getGroup` from `world.groups`; resources get
 * `objectId` = `obj-<logical name>`.
 */
export async function installMocks(world: MockWorld): Promise<void> {
  const options = new Map<string, SentOptions>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        world.resources.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs as Record<string, unknown>,
          importId: args.id === "" ? undefined : args.id,
          opts: options.get(`${args.type}::${args.name}`),
        });
        const objectId = `obj-${args.name}`;
        return { id: args.id || objectId, state: { ...args.inputs, objectId } };
      },
      call: (args) => {
        world.invokes.push(args.token);
        return answer(world, args.token, args.inputs as Record<string, unknown>);
      },
    },
    "personio-azuread",
    "test",
    false,
  );
  // The mocks API hides resource options; the registration request carries them, exactly as the engine gets them.
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (req: Request, cb: unknown) => void;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    options.set(`${req.getType()}::${req.getName()}`, {
      parent: req.getParent(),
      retainOnDelete: req.getRetainondelete(),
      protect: req.getProtect(),
      ignoreChanges: req.getIgnorechangesList(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    register(req, cb);
  };
}

function answer(world: MockWorld, token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const groups = world.groups ?? [];
  switch (token) {
    case "azuread:index/getUsers:getUsers":
      return { users: world.tenant };
    case "azuread:index/getGroups:getGroups":
      if (groups.length === 0) throw failed("No groups found");
      return { displayNames: groups.map((g) => g.displayName), objectIds: groups.map((g) => g.objectId) };
    case "azuread:index/getGroup:getGroup": {
      const group = groups.find((g) => g.objectId === inputs["objectId"]);
      if (group === undefined) throw failed(`No group found with object ID: "${String(inputs["objectId"])}"`);
      return { members: [], types: [], onpremisesSyncEnabled: false, ...group };
    }
    default:
      return inputs;
  }
}

/** A failed invoke as the engine reports it: the SDK shows the gRPC error's `details`. */
function failed(message: string): Error {
  return Object.assign(new Error(message), { details: message });
}

interface Request {
  getType(): string;
  getName(): string;
  getParent(): string;
  getRetainondelete(): boolean;
  getProtect(): boolean;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
}

/** The value of an output, once the mocks have resolved it. */
export function valueOf<T>(output: pulumi.Output<T> | undefined): Promise<T> {
  if (output === undefined) return Promise.reject(new Error("no such output"));
  return new Promise((resolve) => output.apply(resolve));
}

/** A Graph user of the tenant as `azuread.getUsers` returns it. */
export function tenantUser(
  objectId: string,
  userPrincipalName: string,
  employeeId = "",
  accountEnabled = true,
) {
  return {
    objectId,
    userPrincipalName,
    employeeId,
    accountEnabled,
    mail: "",
    displayName: userPrincipalName,
  };
}
