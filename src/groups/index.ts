export { assignGroups } from "./assign";
export type { GroupInput, GroupPlan, PlannedGroup } from "./types";
