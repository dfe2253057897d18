export { SNAPSHOT_ENV, SnapshotSchema, type Snapshot } from "./schema";
export { writeSnapshot, readSnapshot, SnapshotError, type SnapshotFile } from "./file";
