export { type DesiredDirectory, desiredDirectory, type DirectoryInput } from "./desired-directory";
export { listEmployees, personioClient } from "./personio";
