import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import type { DesiredUser } from "../render";
import type { Declaration } from "./declaration-order";
import { initialPassword } from "./password";
import { logicalName, userInputs, userOptions } from "./user-resource";

/** What the directory declares. */
export interface DirectoryArgs {
  /** Users in declaration order (a new manager before the accounts reporting to it). */
  readonly declarations: readonly Declaration[];
  /** Let existing accounts' UPNs follow name changes; default off (logins stay stable). */
  readonly followRenames: boolean;
  /** Makes initial passwords; injected so tests can see them. Default: 20 random characters. */
  readonly newPassword?: () => string;
}

/**
 * The managed part of the tenant: one `azuread.User` child per desired user, keyed by the Personio id.
 * No employee data goes to the component's own inputs, so the component's state holds none.
 */
export class Directory extends pulumi.ComponentResource {
  /** The declared accounts by Personio employee id. */
  readonly users: ReadonlyMap<string, azuread.User>;

  constructor(name: string, args: DirectoryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("personio-azuread:index:Directory", name, {}, opts);
    const newPassword = args.newPassword ?? initialPassword;
    const users = new Map<string, azuread.User>();
    for (const { user, manager } of args.declarations) {
      const managerId =
        manager === undefined
          ? undefined
          : manager.kind === "existing"
            ? manager.objectId
            : (users.get(manager.employeeId) as azuread.User).objectId;
      const account = new azuread.User(
        logicalName(user.employeeId),
        {
          ...(userInputs(user) as unknown as azuread.UserArgs),
          managerId,
          ...newAccountCredentials(user, newPassword),
        },
        { ...userOptions(user, args.followRenames), parent: this },
      );
      users.set(user.employeeId, account);
    }
    this.users = users;
    this.registerOutputs({});
  }
}

/** A new account gets a strong random password that must be changed at first sign-in; adopted ones get none. */
function newAccountCredentials(user: DesiredUser, newPassword: () => string): Partial<azuread.UserArgs> {
  return user.adoptedObjectId === undefined ? { password: newPassword(), forcePasswordChange: true } : {};
}
