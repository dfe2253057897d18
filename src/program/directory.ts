import type * as azuread from "@pulumi/azuread";
import { DIRECTORY_TYPE, employeeLogicalName } from "../contract";
import * as pulumi from "@pulumi/pulumi";
import type { DesiredUser } from "../render";
import type { Declaration } from "./declaration-order";
import { declareInBatches, declareUser, type LeanUser, withoutStackTraces } from "./lean-user";
import { initialPassword } from "./password";
import { userInputs, userOptions } from "./user-resource";

/** Users declared between two yields to the event loop (measured best in bench/scale: 100). */
const BATCH = 100;

/** What the directory declares. */
export interface DirectoryArgs {
  /** Users in declaration order (a new manager before the accounts reporting to it). */
  readonly declarations: readonly Declaration[];
  /** Let existing accounts' UPNs follow name changes; default off (logins stay stable). */
  readonly followRenames: boolean;
  /** Inputs an existing account keeps as they are (see `unmanagedInputs`); default none. */
  readonly unmanagedInputs?: readonly string[];
  /** Makes initial passwords; injected so tests can see them. Default: 20 random characters. */
  readonly newPassword?: () => string;
}

/**
 * The managed part of the tenant: one `azuread:index/user:User` child per desired user, keyed by the Personio
 * id. No employee data goes to the component's own inputs, so the component's state holds none. The children
 * are declared in batches from `initialize`, which the SDK awaits before registering the component's outputs
 * and before anything that depends on the component: await {@link Directory.users} before reading them.
 */
export class Directory extends pulumi.ComponentResource<ReadonlyMap<string, LeanUser>> {
  private args: DirectoryArgs | undefined;

  constructor(name: string, args: DirectoryArgs, opts?: pulumi.ComponentResourceOptions) {
    super(DIRECTORY_TYPE, name, {}, opts);
    this.args = args;
  }

  /** The declared accounts by Personio employee id, once all are declared. */
  get users(): Promise<ReadonlyMap<string, LeanUser>> {
    return this.getData();
  }

  protected override async initialize(): Promise<ReadonlyMap<string, LeanUser>> {
    // The SDK calls initialize from the base constructor; one microtask later this constructor has run.
    await Promise.resolve();
    const {
      declarations,
      followRenames,
      unmanagedInputs = [],
      newPassword = initialPassword,
    } = this.args as DirectoryArgs;
    this.args = undefined;
    const users = new Map<string, LeanUser>();
    await declareInBatches(declarations, BATCH, ({ user, manager }) => {
      const managerId =
        manager === undefined
          ? undefined
          : manager.kind === "existing"
            ? manager.objectId
            : (users.get(manager.employeeId) as LeanUser).objectId;
      const account = withoutStackTraces(() =>
        declareUser(
          employeeLogicalName(user.employeeId),
          {
            ...(userInputs(user) as unknown as azuread.UserArgs),
            managerId,
            ...newAccountCredentials(user, newPassword),
          },
          { ...userOptions(user, followRenames, unmanagedInputs), parent: this },
        ),
      );
      users.set(user.employeeId, account);
    });
    return users;
  }
}

/** A new account gets a strong random password that must be changed at first sign-in; adopted ones get none. */
function newAccountCredentials(user: DesiredUser, newPassword: () => string): Partial<azuread.UserArgs> {
  return user.adoptedObjectId === undefined ? { password: newPassword(), forcePasswordChange: true } : {};
}
