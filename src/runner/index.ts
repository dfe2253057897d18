export { changeSetFromEvents, type ChangeSet, type UserChange, type FieldChange } from "./change-set";
export { evaluateGuards, DEFAULT_GUARDS, type GuardOptions, type GuardVerdict, type Refusal } from "./guards";
export { summaryMarkdown } from "./summary";
export { runCycle, type CycleResult, type CycleStatus } from "./cycle";
export { runLoop, type LoopOptions } from "./loop";
export { openStack, type StackOps, type StackTarget } from "./stack-ops";
export { lineLogger, type Logger } from "./log";
