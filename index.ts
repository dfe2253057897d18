import * as pulumi from "@pulumi/pulumi";
import { projectConfig, runProgram } from "./src/program";

// The Pulumi program: `pulumi preview` / `pulumi up` with stacks/Pulumi.<stack>.yaml. See README.
export = runProgram({
  config: projectConfig(pulumi.runtime.allConfig()),
  env: process.env,
  now: new Date(),
});
