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
}

/**
 * Installs Pulumi mocks (not a preview, so outputs resolve) that record every resource with its options and
 * answer `azuread.getUsers` from `world.tenant`; users get `objectId` = `obj-<logical name>`.
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
        return args.token === "azuread:index/getUsers:getUsers" ? { users: world.tenant } : args.inputs;
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
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
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
