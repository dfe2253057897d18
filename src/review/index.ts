export { changeSetFromEvents, type ChangeSet, type UserChange, type FieldChange } from "./change-set";
export { evaluateGuards, DEFAULT_GUARDS, type GuardOptions, type GuardVerdict, type Refusal } from "./guards";
export { summaryMarkdown } from "./summary";
