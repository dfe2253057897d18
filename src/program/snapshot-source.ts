import * as pulumi from "@pulumi/pulumi";
import { readSnapshot, type Snapshot, SNAPSHOT_ENV, SnapshotError } from "../snapshot";

/**
 * The snapshot the reconcile runner handed over through {@link SNAPSHOT_ENV}, or undefined when the program
 * runs on its own (`pulumi up` by hand) and lists Personio itself. A bad file fails the run with one line.
 */
export function snapshotFromEnv(env: Readonly<Record<string, string | undefined>>): Snapshot | undefined {
  const file = env[SNAPSHOT_ENV];
  if (file === undefined || file === "") return undefined;
  try {
    return readSnapshot(file);
  } catch (error) {
    if (error instanceof SnapshotError) throw new pulumi.RunError(error.message);
    throw error;
  }
}
