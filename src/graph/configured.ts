import type { LoadedConfig } from "../config";
import { isExtensionAttribute } from "../entra/extension-attributes";

/** Whether the stack asks for any Graph action: revokes, access passes, or an extension attribute mapped. */
export function graphConfigured(config: LoadedConfig): boolean {
  return (
    config.graph.revokeSessions ||
    config.graph.temporaryAccessPass !== undefined ||
    Object.keys(config.attributeMapping).some(isExtensionAttribute)
  );
}
