import type * as azuread from "@pulumi/azuread";
import azureadPackage from "@pulumi/azuread/package.json";
import * as pulumi from "@pulumi/pulumi";
import { USER_TYPE } from "../contract";

/*
 * Declaring 10,000 `azuread.User`s with the Node SDK as generated runs out of memory (measured with
 * `npm run bench -- program`: 10,000 bare users OOM after ~2 min at 4.4 GB). Profiled, the cost is the SDK's per-Output
 * bookkeeping: the generated class passes all 49 properties, each becomes an Output of four promises, and
 * `debuggablePromise` (runtime/debuggable.js) stores a formatted `new Error().stack` on each one — about 200
 * source-mapped stacks per user, alive until the registration completes. Three public-API measures cut it
 * to ~0.8 s per 1,000 users and <1 GB at 10,000: only the Outputs we use, no stack capture while declaring,
 * and yielding between batches. All three send the engine the same request (tests/program/lean-user.test.ts).
 */

/**
 * The @pulumi/azuread version {@link declareUser} was checked against, line by line, with its generated
 * `User` constructor (user.js). package.json pins it exactly; tests/program/azuread-version.test.ts fails when
 * the installed version differs, so an upgrade is re-checked before it ships.
 */
export const LEAN_USER_VERIFIED_AGAINST = "6.9.1";

/** The plugin version the generated class asks for; the engine must load the same provider. */
export const AZUREAD_VERSION: string = azureadPackage.version.replace(/^v/, "");

/** An `azuread:index/user:User` carrying only the Outputs the program reads. */
export type LeanUser = pulumi.CustomResource &
  Pick<azuread.User, "objectId" | "password" | "userPrincipalName">;

/**
 * Runs `fn` with V8's stack capture off and restores it after: the SDK stores a stack on every output promise
 * and reads it only in leak-debugging mode (PULUMI_DEBUG_PROMISE_LEAKS). The engine still gets each resource's
 * source position (the SDK raises the limit for that itself). Errors thrown inside `fn` carry no stack.
 */
export function withoutStackTraces<T>(fn: () => T): T {
  const previous = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = previous;
  }
}

/**
 * Registers an `azuread:index/user:User` exactly as `new azuread.User(name, args, opts)` does — same inputs,
 * plugin version and `additionalSecretOutputs` — but with Outputs only for the inputs given plus `objectId`
 * and `password`, instead of all 49 properties. `azuread.User.isInstance` holds for it.
 * Mirrors the generated constructor of @pulumi/azuread {@link LEAN_USER_VERIFIED_AGAINST} (user.js), including
 * that an empty password is not sent (the generated class tests `args.password` for truthiness); the
 * lean-user test compares the two requests field by field.
 */
export function declareUser(
  name: string,
  args: azuread.UserArgs,
  opts: pulumi.CustomResourceOptions,
): LeanUser {
  if (args.displayName === undefined) throw new Error("Missing required property 'displayName'");
  if (args.userPrincipalName === undefined) throw new Error("Missing required property 'userPrincipalName'");
  const props: pulumi.Inputs = { objectId: undefined, password: undefined };
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || (key === "password" && value === "")) continue;
    props[key] = key === "password" ? pulumi.secret(value as pulumi.Input<string>) : value;
  }
  const merged = pulumi.mergeOptions(pulumi.mergeOptions({ version: AZUREAD_VERSION }, opts), {
    additionalSecretOutputs: ["password"],
  });
  return new LeanUserResource(name, props, merged) as unknown as LeanUser;
}

class LeanUserResource extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super(USER_TYPE, name, props, opts);
  }
}

/**
 * Calls `declareOne` for each item, yielding to the event loop after every `batchSize`, so registrations
 * already sent can complete and free their bookkeeping (10,000 users: 2.3 GB peak without, 0.7 GB with).
 * It never waits for the engine, so the engine's parallelism is unchanged.
 */
export async function declareInBatches<T, R>(
  items: readonly T[],
  batchSize: number,
  declareOne: (item: T) => R,
): Promise<R[]> {
  const declared: R[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    for (const item of items.slice(start, start + batchSize)) declared.push(declareOne(item));
    if (start + batchSize < items.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return declared;
}
