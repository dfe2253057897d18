export * from "./types";
export * from "./actions";
export { planRevokes } from "./revokes";
export { accessPassCandidates, planAccessPasses } from "./access-passes";
export { planExtensionAttributes } from "./extension-attributes";
export { graphRequests, countGraphActions, formatGraphCounts, type GraphActionCounts } from "./requests";
