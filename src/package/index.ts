/*
 * The package's entry (package.json `exports`, `main`, `types`): the one public component and its args. Every
 * component class exported here becomes a resource of the package's schema, so nothing else is.
 */
export { PersonioDirectory } from "./personio-directory";
export {
  type DirectoryCounts,
  EnableFrom,
  type GroupRule,
  type Joiners,
  type LoginPart,
  LoginPartUse,
  type LoginSchema,
  LoginSeparator,
  type PersonioConnection,
  type PersonioDirectoryArgs,
} from "./args";
