import type * as azuread from "@pulumi/azuread";
import { DIRECTORY_TYPE, employeeLogicalName } from "../contract";
import * as pulumi from "@pulumi/pulumi";
import type { DesiredUser } from "../render";
import type { Declaration } from "./declaration-order";
import { declareInBatches, declareUser, type LeanUser, withoutStackTraces } from "./lean-user";
import { type KeptAccount, keptUserOptions } from "./kept-user";
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
  /** Accounts of skipped Personio records, declared under their usual name so that nothing changes; default none. */
  readonly kept?: readonly KeptAccount[];
}

/**
 * The managed part of the tenant: one `azuread:index/user:User` child per desired user, keyed by the Personio
 * id. No employee data goes to the component's own inputs, so the component's state holds none.
 *
 * Built only by {@link Directory.declare}, which registers the component, declares its children in batches
 * (yielding to the event loop between them, which keeps 10,000 pending registrations under a GB) and resolves
 * once every child is declared. So whoever holds a `Directory` holds a complete one: its `users` are all there,
 * and a resource given it as `parent` or `dependsOn` sees every child. The component registers no outputs.
 */
export class Directory extends pulumi.ComponentResource {
  readonly #users = new Map<string, LeanUser>();

  private constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super(DIRECTORY_TYPE, name, {}, opts);
  }

  /** The declared accounts by Personio employee id. */
  get users(): ReadonlyMap<string, LeanUser> {
    return this.#users;
  }

  /** Registers the directory and declares its users; resolves with it once all are declared. */
  static async declare(
    name: string,
    args: DirectoryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ): Promise<Directory> {
    const directory = new Directory(name, opts);
    for (const [employeeId, account] of await declareUsers(directory, args)) {
      directory.#users.set(employeeId, account);
    }
    return directory;
  }
}

/**
 * Declares the users as children of `parent` in batches (see {@link Directory}); resolves with the accounts by
 * Personio employee id once every one is declared. The public `PersonioDirectory` component parents them itself.
 */
export async function declareUsers(
  parent: pulumi.Resource,
  args: DirectoryArgs,
): Promise<ReadonlyMap<string, LeanUser>> {
  const { declarations, followRenames, unmanagedInputs = [], newPassword = initialPassword } = args;
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
        { ...userOptions(user, followRenames, unmanagedInputs), parent },
      ),
    );
    users.set(user.employeeId, account);
  });
  for (const account of args.kept ?? []) {
    // The inputs are ignored (the old ones are kept); the account's own UPN satisfies the required ones.
    const { userPrincipalName } = account;
    const declared = withoutStackTraces(() =>
      declareUser(
        employeeLogicalName(account.employeeId),
        { displayName: userPrincipalName, userPrincipalName },
        { ...keptUserOptions(account), parent },
      ),
    );
    users.set(account.employeeId, declared);
  }
  return users;
}

/** A new account gets a strong random password that must be changed at first sign-in; adopted ones get none. */
function newAccountCredentials(user: DesiredUser, newPassword: () => string): Partial<azuread.UserArgs> {
  return user.adoptedObjectId === undefined ? { password: newPassword(), forcePasswordChange: true } : {};
}
