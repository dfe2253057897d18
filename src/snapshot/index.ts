export { SNAPSHOT_ENV, SnapshotSchema, EmployeeSchema, type Snapshot } from "./schema";
export { writeSnapshot, readSnapshot, SnapshotError, type SnapshotFile } from "./file";
