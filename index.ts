import * as pulumi from "@pulumi/pulumi";
import { projectConfig } from "./src/config";
import { runProgram, snapshotFromEnv } from "./src/program";

// The Pulumi program: `pulumi preview` / `pulumi up` with stacks/Pulumi.<stack>.yaml. See README.
export = runProgram({
  config: projectConfig(pulumi.runtime.allConfig()),
  env: process.env,
  now: new Date(),
  // Under the reconcile runner: the cycle's one Personio listing, so preview and up render the same input.
  snapshot: snapshotFromEnv(process.env),
});
