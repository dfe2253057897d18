export { declareProgram, runProgram, type ProgramInputs, type ProgramRun } from "./program";
export { snapshotFromEnv } from "./snapshot-source";
export { Directory, type DirectoryArgs } from "./directory";
export type { ProgramOutputs } from "./outputs";
export type { LeanUser } from "./lean-user";
export { Groups, type GroupsArgs, type GroupCounts } from "./groups";
