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
  WebhookDelivery,
  WebhookEventName,
  WebhookOptions,
} from "./types";
export {
  type GraphEmulator,
  MAX_BODY_BYTES as GRAPH_MAX_BODY_BYTES,
  startGraphEmulator,
} from "./graph-server";
export type { GraphFaultPlan, RequestFault, SubRequestFault } from "./graph-faults";
export { GraphFaults } from "./graph-faults";
export { GraphState } from "./graph-state";
export { tenantFromCompany } from "./graph-seed";
export { exportTenant, type GraphAppCredentials } from "./graph-export";
export { selfSignedCertificate, type TlsPair } from "./graph-tls";
export {
  type CapturedMail,
  type EmulatedUser,
  type GraphAction,
  type GraphCounts,
  type GraphEmulatorOptions,
  GRAPH_ROLES,
} from "./graph-types";
