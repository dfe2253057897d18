import * as pulumi from "@pulumi/pulumi";
import { projectConfig } from "./src/config";
import { snapshotFromEnv } from "./src/program";
import {
  argsOfStackConfig,
  ownStackOptions,
  PersonioDirectory,
  stackOutputsOf,
} from "./src/package/own-program";

// The Pulumi program: `pulumi preview` / `pulumi up` with stacks/Pulumi.<stack>.yaml. See README. It is the
// package's first consumer: one PersonioDirectory from the stack config, under the URNs the stacks already have.
const directory = new PersonioDirectory(
  "personio",
  argsOfStackConfig(projectConfig(pulumi.runtime.allConfig())),
  ownStackOptions({
    env: process.env,
    now: new Date(),
    // Under the reconcile runner: the cycle's one Personio listing, so preview and up render the same input.
    snapshot: snapshotFromEnv(process.env),
  }),
);

export = stackOutputsOf(directory);
