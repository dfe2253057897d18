export type {
  RenderConfig,
  LoginSchema,
  LoginPart,
  ExistingAccount,
  JoinersConfig,
  GraphConfig,
  TemporaryAccessPassConfig,
} from "./types";
export { GraphSchema, TemporaryAccessPassSchema } from "./graph";
export { StackConfigSchema, type StackConfig } from "./schema";
export { parseStackConfig, ConfigError, NAMESPACE, type ConfigEnv } from "./parse";
export { readStackFile, type StackFileConfig } from "./stack-file";
export { isPersonioKey, PERSONIO_STANDARD_KEYS } from "./personio-keys";
export { type GroupRule, GroupRules, GROUP_NAME_MAX_LENGTH, isGroupName } from "./groups";
export { requiredAttributes } from "./required-attributes";
export { projectConfig } from "./project-config";
export { loadStackConfig, toEngineValue, fromEngineValue, type LoadedConfig } from "./load";
export { hasScope, type ScopeConfig, ScopeSchema } from "./scope";
export { attributeValues, valueKey } from "./attribute-values";
