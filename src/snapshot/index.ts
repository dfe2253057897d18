export { SNAPSHOT_ENV, SnapshotSchema, type Snapshot } from "./schema";
export { writeSnapshot, readSnapshot, removeStaleSnapshots, SnapshotError, type SnapshotFile } from "./file";
export { checkTempDir, TempDirError } from "./temp-dir";
