import * as pulumi from "@pulumi/pulumi";
import type { RenderResult, SkippedEmployee } from "../render";
import type { Directory } from "./directory";

/** Counts of a run; `adopted` counts existing accounts matched (those this stack created before included). */
export interface StackCounts {
  readonly employees: number;
  readonly managed: number;
  readonly enabled: number;
  readonly disabled: number;
  readonly adopted: number;
  readonly created: number;
  readonly skipped: number;
}

/** The stack outputs: counts, skipped employees (id and reason, no names), and initial passwords as a secret. */
export interface StackOutputs {
  readonly counts: StackCounts;
  readonly skipped: readonly SkippedEmployee[];
  readonly initialPasswords: pulumi.Output<Record<string, string>>;
}

/** Builds the stack outputs from the render result and the declared directory. */
export function stackOutputs(result: RenderResult, employees: number, directory: Directory): StackOutputs {
  const enabled = result.users.filter((u) => u.accountEnabled).length;
  const adopted = result.users.filter((u) => u.adoptedObjectId !== undefined).length;
  return {
    counts: {
      employees,
      managed: result.users.length,
      enabled,
      disabled: result.users.length - enabled,
      adopted,
      created: result.users.length - adopted,
      skipped: result.skipped.length,
    },
    skipped: result.skipped,
    initialPasswords: pulumi.secret(initialPasswords(directory)),
  };
}

/**
 * Employee id → initial password of every account this stack created, read from each account's state: an
 * adopted account never had a password set by this stack, so it has none and is left out.
 */
function initialPasswords(directory: Directory): pulumi.Output<Record<string, string>> {
  const ids = [...directory.users.keys()];
  return pulumi
    .all(
      ids.map((id) => (directory.users.get(id) as { password: pulumi.Output<string | undefined> }).password),
    )
    .apply((passwords) => {
      const map: Record<string, string> = {};
      passwords.forEach((password, i) => {
        if (typeof password === "string" && password !== "") map[ids[i] as string] = password;
      });
      return map;
    });
}
