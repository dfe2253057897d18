export { createGraphApi, MAX_WRITES_PER_SECOND, type GraphApiOptions } from "./client";
export {
  DEFAULT_AUTHORITY_HOST,
  graphCredentialSettings,
  type Env,
  type GraphCredentialSettings,
  type GraphCredentialSettingsResult,
} from "./credential-settings";
export { createGraphCredential, type GraphCredentialOptions } from "./credentials";
export { DEFAULT_GRAPH_ENDPOINT, resolveGraphEndpoint, type GraphEndpoint } from "./endpoint";
export { describePath, GraphPayloadError, GraphRequestError, GraphTransportError } from "./errors";
export { fetchGitHubIdToken, GITHUB_OIDC_AUDIENCE, type GitHubIdTokenRequest } from "./github-oidc";
export { MAX_BATCH_SIZE } from "./batch";
export { LIST_USERS_PATH, TenantUserSchema } from "./list-users";
export { DEFAULT_GRAPH_RETRY, type GraphRequestEvent, type GraphRetryOptions } from "./retry";
export * from "./types";
export * from "./actions";
export { planRevokes } from "./revokes";
export { accessPassCandidates, planAccessPasses } from "./access-passes";
export { planExtensionAttributes } from "./extension-attributes";
export { graphRequests, countGraphActions, formatGraphCounts, type GraphActionCounts } from "./requests";
export { accessPassMailRequest, type AccessPassMail } from "./access-pass-mail";
export {
  CLEANUP_DEADLINE_MS,
  executeGraphActions,
  type GraphExecution,
  type GraphExecutionResult,
} from "./execute";
export { type GraphFailure, graphNeedsAttention, type GraphOutcome, graphStatus, NO_COUNTS } from "./outcome";
export { CALL_NAMES, type GraphCall, GRAPH_PERMISSIONS } from "./permissions";
export { GraphCredentialsError, graphApiFromEnv } from "./from-env";
export { graphConfigured } from "./configured";
export { planGraph } from "./plan-all";
