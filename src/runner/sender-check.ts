import { ConfigError, type LoadedConfig } from "../config";
import type { GraphApi } from "../graph";

/** Checks the stack's Graph settings against the tenant before anything changes; throws {@link ConfigError}. */
export type SenderCheck = (config: LoadedConfig, signal: AbortSignal) => Promise<void>;

const KEY = "personio-azuread:graph.temporaryAccessPass.sender";
const ALLOWED = "a user of this tenant with a mailbox (a shared mailbox such as it@contoso.com will do)";

/**
 * With a Temporary Access Pass configured, the pass is mailed from `sender`: a sender the tenant does not hold
 * (404) or that has no mailbox (`mail` null) would create passes whose mail fails every cycle, so the cycle stops
 * before its preview with one line naming the key, the value and what is allowed. Without a pass it asks nothing,
 * so a stack without one needs no Graph credentials.
 */
export function senderCheck(api: () => GraphApi): SenderCheck {
  return async (config, signal) => {
    const sender = config.graph.temporaryAccessPass?.sender;
    if (sender === undefined) return;
    const user = await api().user(sender, signal);
    if (user !== undefined && user.mail !== null && user.mail !== "") return;
    const why =
      user === undefined ? "the tenant has no such user" : "that user has no mailbox (mail is empty)";
    throw new ConfigError(
      `Invalid value for ${KEY}: ${JSON.stringify(sender)}. Allowed: ${ALLOWED}; ${why}.`,
    );
  };
}
