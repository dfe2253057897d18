export { runProgram, type ProgramInputs } from "./program";
export { snapshotFromEnv } from "./snapshot-source";
export { Directory, type DirectoryArgs } from "./directory";
export type { ProgramOutputs } from "./outputs";
export { Groups, type GroupsArgs, type GroupCounts } from "./groups";
