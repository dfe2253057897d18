export { type SandboxCliOptions, CliError, parseSandboxArgs, SANDBOX_USAGE } from "./cli-args";
export {
  type CompanyOptions,
  CompanyFileError,
  loadCompanyFile,
  loadSampleCompany,
  parseCompany,
} from "./company-file";
export { generateCompany } from "./generate";
export { QUIRKS } from "./seed-schema";
export { DEFAULT_CREDENTIALS, startSandbox } from "./server";
export type {
  FaultPlan,
  PersonioAttribute,
  PersonioEmployeeItem,
  Sandbox,
  SandboxCredentials,
  SandboxOptions,
  SandboxRequest,
} from "./types";
