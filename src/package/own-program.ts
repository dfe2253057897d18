/*
 * What this repository's own program (index.ts) needs beside the package's entry: the component, the stack
 * config as its args, the options that keep the stacks' URNs, and the stack outputs the runner reads.
 */
export { PersonioDirectory } from "./personio-directory";
export { argsOfStackConfig, stackConfigOf } from "./stack-config";
export { type OwnStack, ownStackOptions, stackOutputsOf } from "./own-stack";
