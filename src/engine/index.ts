export { openStack, isLocked, earlierOutputs, type StackOps, type StackTarget } from "./stack-ops";
export { UpWatch } from "./up-watch";
export { causeLine } from "./cause-line";
export { previewChanges } from "./preview-changes";
