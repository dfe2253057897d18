export { writeBack, type WriteBackArgs, type WriteBackResult } from "./write-back";
export { planWriteBack, type WriteBackChange } from "./diff";
export { applyWriteBack, type ApplyResult, type WriteBackStop } from "./apply";
export { attributeProblem, TEXT_ATTRIBUTE_TYPES } from "./attribute-check";
