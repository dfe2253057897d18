export { type DesiredDirectory, desiredDirectory, type DirectoryInput } from "./desired-directory";
export { listEmployees, personioClient } from "./personio";
export { AttributeAccessError, checkAttributeAccess } from "./attribute-access";
export { applyScope, type OutOfScope, type ScopedEmployees } from "./scope";
